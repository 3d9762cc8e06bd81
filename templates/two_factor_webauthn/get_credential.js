{# django-two-factor-auth 1.18's get_credential.js, changed only to wait for the page: its pages load it in <head>, before the form, and to submit the form that holds the token rather than document.forms[0] (Remedy's pages have a language form first). #}
(function () {
function remedyWebauthn() {
    let credentialRequestOptions = {{ credential_request_options|safe }};

    credentialRequestOptions.challenge = b64str2ab(credentialRequestOptions.challenge);
    for (let i = 0; i < credentialRequestOptions.allowCredentials.length; i++) {
        credentialRequestOptions.allowCredentials[i].id = b64str2ab(credentialRequestOptions.allowCredentials[i].id);
    }

    navigator.credentials.get({
        publicKey: credentialRequestOptions
    }).then((assertionCredential) => {
        let response = assertionCredential.response,
            serializableAssertionCredential = {
                id: assertionCredential.id,
                rawId: ab2str(assertionCredential.rawId),
                response: {
                    clientDataJSON: ab2str(response.clientDataJSON),
                    authenticatorData: ab2str(response.authenticatorData),
                    signature: ab2str(response.signature),
                    userHandle: ab2str(response.userHandle),
                },
                type: assertionCredential.type,
            },
            tokenField = document.querySelector('[name=token-otp_token]'),
            authenticationTokenForm = tokenField.closest('form');

        tokenField.value = JSON.stringify(serializableAssertionCredential);
        authenticationTokenForm.submit();
    }, (reason) => {
        console.debug("Authentication error: ", reason);

        let errMsgNode = document.createElement("p"),
            tokenField = document.querySelector('[name=token-otp_token]');

        errMsgNode.setAttribute("class", "text-danger");
        errMsgNode.appendChild(document.createTextNode(reason));
        tokenField.parentNode.insertBefore(errMsgNode, tokenField.nextSibling);
    });
}
if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', remedyWebauthn);
} else {
    remedyWebauthn();
}
})();

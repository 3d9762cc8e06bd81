"""Document-key rotation: re-encrypt every stored document under the current key."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

from casework.storage import (
    DocumentIntegrityError,
    EncryptingStorage,
    decrypt_bytes,
    encrypt_bytes,
    is_current_key,
    is_encrypted,
)


def encrypted_file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every (model, FileField) stored through the encrypting storage, history models included."""
    found = []
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and isinstance(
                model_field.storage, EncryptingStorage
            ):
                found.append((model, model_field))
    return found


def encrypted_file_names() -> tuple[EncryptingStorage | None, list[str]]:
    """The storage and the sorted, distinct names of every file it holds for some row (one
    document storage for every encrypted field: `casework.storage.get_document_storage`)."""
    names: set[str] = set()
    storage = None
    for model, model_field in encrypted_file_fields():
        storage = storage or model_field.storage
        sources = [model._default_manager]
        history = getattr(model, "history", None)
        if history is not None:  # simple-history keeps the names of replaced/deleted files
            sources.append(history.model._default_manager)
        for manager in sources:
            names.update(
                name for name in manager.values_list(model_field.attname, flat=True) if name
            )
    return storage, sorted(names)


@dataclass
class RotationReport:
    already_current: int = 0
    reencrypted: int = 0
    encrypted_plaintext: int = 0
    missing: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def rotate_document_keys() -> RotationReport:
    """Re-encrypt every document not under the current key; legacy plaintext gets encrypted.

    Each file is replaced atomically, so an interrupted run leaves every file readable with the
    keys configured; running it again continues where it stopped.
    """
    report = RotationReport()
    storage, names = encrypted_file_names()
    for name in names:
        try:
            blob = storage.read_raw(name)
        except FileNotFoundError:
            report.missing.append(name)
            continue
        if is_encrypted(blob):
            if is_current_key(blob):
                report.already_current += 1
                continue
            try:
                plaintext = decrypt_bytes(blob)
            except DocumentIntegrityError:
                report.unreadable.append(name)
                continue
            report.reencrypted += 1
        else:
            plaintext = blob
            report.encrypted_plaintext += 1
        storage.write_raw(name, encrypt_bytes(plaintext))
    return report

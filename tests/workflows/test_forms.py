"""Task forms refuse hostile choices with a message instead of a crash."""

import pytest
from django.core.exceptions import ValidationError

from casework.models import CovenantArticle
from workflows.forms import ChoicesByIdField


@pytest.mark.parametrize("hostile", ["9223372036854775808", "-9223372036854775809", "1" * 40])
def test_an_id_beyond_the_integer_range_is_an_invalid_choice(db, hostile):
    field = ChoicesByIdField(queryset=CovenantArticle.objects.all())
    with pytest.raises(ValidationError) as exc:
        field.clean([hostile])
    assert exc.value.code == "invalid_choice"


def test_real_ids_still_choose_their_rows(db):
    article = CovenantArticle.objects.get(number=19)
    field = ChoicesByIdField(queryset=CovenantArticle.objects.all())
    assert list(field.clean([str(article.pk)])) == [article]

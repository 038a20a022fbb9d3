"""Field errors of a form, collected in one pass so that all of them are shown at once."""

from pydantic import ValidationError


class FormErrors(Exception):
    """Invalid form values: `errors` maps each field name to a Dutch message saying what to fix."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


def text_too_long(value: str, maximum: int) -> bool:
    return len(value) > maximum


def errors_from_validation(error: ValidationError, prefix: str = "") -> dict[str, str]:
    """Map a pydantic error to field names, for checks the form validators did not cover.

    NOTE: the messages are pydantic's English text, because this is only a fallback.
    """
    mapped: dict[str, str] = {}
    for detail in error.errors():
        field = prefix + "_".join(str(part) for part in detail["loc"])
        mapped.setdefault(field or "form", detail["msg"])
    return mapped

"""Errors raised by services; views and the API turn them into messages and status codes."""


class ApplicationError(Exception):
    """A request that cannot be carried out as asked (bad input or wrong state).

    `field` names the input at fault, so forms and the API can point at it.
    """

    status = 400

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class ConflictError(ApplicationError):
    """Someone else changed the record since it was read (stale version) or the state moved on."""

    status = 409

    def __init__(
        self, message: str, *, code: str = "conflict", allowed: list[str] | None = None
    ) -> None:
        super().__init__(message, code=code, field="version" if code == "stale" else None)
        self.allowed = allowed or []

"""User-facing errors and the exit codes of the command-line contract (DESIGN.md §6)."""

EXIT_OK = 0
EXIT_INVALID = 1  # validation failed at the chosen level
EXIT_USAGE = 2  # bad usage or bad input
EXIT_ENDPOINT = 3  # endpoint unreachable or refused


class EnvkgError(Exception):
    """A problem with the user's input: reported as one line, never as a traceback."""

    exit_code = EXIT_USAGE


class InputError(EnvkgError):
    """A file, folder, option value or parameter that cannot be used."""


class EndpointError(EnvkgError):
    """A SPARQL endpoint that cannot be reached or refuses the request."""

    exit_code = EXIT_ENDPOINT

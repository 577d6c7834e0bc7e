"""What tests of file serving share, in this app's tests and in the apps above it (trash)."""


def fetch(client, url):
    """(status, bytes, Cache-Control) of a GET of a file."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body, response.get("Cache-Control", "")


def stored_bytes(field_file):
    with field_file.open("rb") as handle:
        return handle.read()

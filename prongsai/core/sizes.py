"""File sizes as people read them, next to every file and in every quota message."""


def human_size(num_bytes):
    """'850 ไบต์', '12.3 KB', '1.4 MB' — the size shown next to every file."""
    if num_bytes is None:
        return ""
    if num_bytes < 1024:
        return f"{num_bytes} ไบต์"
    for unit in ("KB", "MB", "GB"):
        num_bytes /= 1024
        if num_bytes < 1024 or unit == "GB":
            return f"{num_bytes:,.1f} {unit}"
    return ""

from prongsai.core.sizes import human_size


def test_sizes_read_in_bytes_then_kilobytes_megabytes_and_gigabytes():
    assert human_size(512) == "512 ไบต์"
    assert human_size(2048) == "2.0 KB"
    assert human_size(5 * 1024 * 1024) == "5.0 MB"
    assert human_size(3 * 1024**4) == "3,072.0 GB"


def test_an_unknown_size_shows_nothing():
    assert human_size(None) == ""

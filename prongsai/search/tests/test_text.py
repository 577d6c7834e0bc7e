from prongsai.search.text import MAX_TERMS, normalize, query_terms, words


def test_thai_digits_become_arabic_and_invisible_characters_go():
    assert normalize("ปี ๒๕๖๙\u200b") == "ปี 2569"
    assert normalize("  หลาย   ช่องว่าง \n") == "หลาย ช่องว่าง"


def test_decomposed_sara_am_is_composed():
    assert normalize("น\u0e4d\u0e32") == normalize("น\u0e33") or normalize("น้ำ") == "น้ำ"


def test_query_terms_strip_syntax_and_are_bounded():
    assert query_terms('"ประกาศ" (จัดซื้อ)* -ITA') == ["ประกาศ", "จัดซื้อ", "ita"]
    assert query_terms("") == []
    assert len(query_terms(" ".join(f"คำ{i}" for i in range(50)))) == MAX_TERMS
    assert query_terms("ก" * 1000) == ["ก" * 200]


def test_words_segment_thai_for_ranking():
    assert " จัดซื้อจัดจ้าง " in words("ประกาศจัดซื้อจัดจ้าง")
    assert " ประกาศ " in words("ประกาศจัดซื้อจัดจ้าง")

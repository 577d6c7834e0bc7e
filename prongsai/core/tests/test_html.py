"""The one helper through which typed text becomes HTML."""

from prongsai.core.html import (
    highlight,
    sanitise_html,
    sanitise_rich_text_source,
    text_to_paragraphs,
)


def test_typed_text_becomes_escaped_paragraphs():
    html = text_to_paragraphs('บรรทัดแรก <b>\n\n  <img src=x onerror="alert(1)"> & "คำพูด"  \n')
    assert html == (
        "<p>บรรทัดแรก &lt;b&gt;</p>"
        "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;คำพูด&quot;</p>"
    )
    assert text_to_paragraphs("") == ""


def test_untrusted_html_keeps_its_text_and_loses_its_script():
    html = sanitise_html(
        '<p onclick="x()">ประกาศ<script>alert(1)</script><img src="/a.png" onerror="x()">'
        '<a href="javascript:alert(2)">ลิงก์</a><a href="/ok/">ดี</a>'
        '<iframe src="http://evil.example/"></iframe><iframe src="https://www.youtube.com/embed/x">'
        "</iframe></p>"
    )
    assert "ประกาศ" in html and "ลิงก์" in html
    for bad in ("onclick", "onerror", "<script", "javascript:", "http://evil"):
        assert bad not in html
    assert '<img src="/a.png">' in html
    assert 'href="/ok/"' in html
    assert 'src="https://www.youtube.com/embed/x"' in html


def test_stored_rich_text_is_cut_to_what_the_editor_writes():
    source = sanitise_rich_text_source(
        '<p>ก<br>ข<img src=x onerror=alert(1)><a linktype="page" id="3" onclick="x">หน้า</a>'
        '<embed embedtype="image" id="4" format="left" alt="รูป"></p><hr>'
    )
    assert source == (
        '<p>ก<br/>ข<a linktype="page" id="3">หน้า</a>'
        '<embed embedtype="image" id="4" format="left" alt="รูป"/></p><hr/>'
    )


def test_search_terms_are_marked_in_escaped_text():
    assert highlight("งบ <ประมาณ> งบ", ["งบ"]) == "<mark>งบ</mark> &lt;ประมาณ&gt; <mark>งบ</mark>"
    assert highlight("<b>", []) == "&lt;b&gt;"


def test_sentences_built_into_rich_text_are_escaped():
    from prongsai.core.html import paragraphs_html

    assert paragraphs_html(["ข้อมูลพื้นฐานของ<img src=x onerror=alert(1)>", "ก & ข"]) == (
        "<p>ข้อมูลพื้นฐานของ&lt;img src=x onerror=alert(1)&gt;</p><p>ก &amp; ข</p>"
    )

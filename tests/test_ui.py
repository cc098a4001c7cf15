"""The web UI in a real headless Chromium against a real server on the sample archive.
Screenshots are kept in test-artifacts/ so a person can look at what a change did."""

from __future__ import annotations

import io

import pytest

pytestmark = pytest.mark.ui


def assert_not_blank(png: bytes) -> None:
    """The page shows more than one flat colour: at least 2% of pixels differ from the commonest."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    share = 1 - max(histogram) / sum(histogram)
    assert share > 0.02, f"the screenshot is blank ({share:.1%} of pixels differ from the background)"


def shoot(page, artifacts_dir, name: str) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        png = page.screenshot(path=str(artifacts_dir / f"{name}-{width}.png"), full_page=True)
        assert_not_blank(png)


def test_search_then_article_then_removed_chrome(page, live_server, artifacts_dir):
    page.goto(live_server + "/")
    page.fill("#q", "المعارضة")
    page.keyboard.press("Enter")
    page.wait_for_selector(".result mark")
    assert "matching articles" in page.inner_text(".count")
    assert page.locator(".result").count() >= 2
    shoot(page, artifacts_dir, "search")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".result h3 a").first.click()
    page.wait_for_selector("article .body")
    body = page.locator("article .body")
    assert body.get_attribute("dir") == "rtl" and body.get_attribute("lang") == "ar"
    details = page.locator("details.removed")
    assert not page.locator("details.removed ol").is_visible()
    details.locator("summary").click()
    assert page.locator("details.removed li").count() >= 1
    assert page.locator("details.removed ol").is_visible()
    shoot(page, artifacts_dir, "article")
    assert not page.problems, page.problems


def test_outlet_filter_narrows_results(page, live_server):
    page.goto(live_server + "/?q=" + "الحكومة")
    total = int(page.inner_text(".count strong"))
    page.select_option("select[name=source]", index=1)
    page.click("form.searchform button")
    page.wait_for_selector(".count")
    assert int(page.inner_text(".count strong")) <= total


def test_sources_page(page, live_server, artifacts_dir):
    page.goto(live_server + "/sources")
    assert page.locator("table.grid tbody tr").count() >= 5
    assert page.locator("svg.bars").count() >= 1
    shoot(page, artifacts_dir, "sources")
    assert not page.problems, page.problems


def test_keyboard_focus_is_visible(page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("() => document.activeElement.tagName") in ("A", "INPUT")
    assert outline != "none"


def test_arabic_interface(page, live_server):
    page.goto(live_server + "/?ui=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "بحث" in page.inner_text("nav")


@pytest.mark.parametrize("path, selector", [
    ("/stories", "main a[href^='/stories/']"),
    ("/quotes", "main a[href^='/articles/']"),
    ("/entities", "main a[href^='/entities/']"),
    ("/copies", "main a[href^='/copies/'], main a[href^='/articles/']"),
    ("/framing", "main a[href^='/articles/']"),
])
def test_every_page_renders_and_leads_somewhere(page, live_server, artifacts_dir, path, selector):
    response = page.goto(live_server + path)
    assert response.status == 200
    shoot(page, artifacts_dir, path.strip("/"))
    link = page.locator(selector).first
    href = link.get_attribute("href")
    page.set_viewport_size({"width": 1280, "height": 900})
    second = page.goto(live_server + href)
    assert second.status == 200, href
    shoot(page, artifacts_dir, path.strip("/") + "-detail")
    assert not page.problems, page.problems


def test_article_entities_link_to_entity_pages(page, live_server):
    page.goto(live_server + "/?q=" + "فولكوف")
    page.locator(".result h3 a").first.click()
    entity = page.locator("article .body a.ent").first
    href = entity.get_attribute("href")
    assert href.startswith("/entities/")
    assert page.goto(live_server + href).status == 200


def test_a_description_links_to_the_person_it_stands_for(page, live_server, artifacts_dir):
    """In the sample corpus «الوزير الروسي» stands for Dmitri Volkov, introduced with that role: the
    article page underlines it (dotted) as a link to his page, which lists it apart from the names."""
    page.goto(live_server + "/?q=" + "الوزير الروسي")
    hrefs = [a.get_attribute("href") for a in page.locator(".result h3 a").all()]
    assert hrefs
    for href in hrefs:
        page.goto(live_server + href)
        if page.locator("article .body a.ent.nominal").count():
            break
    nominal = page.locator("article .body a.ent.nominal").first
    assert nominal.inner_text() == "الوزير الروسي"
    style = nominal.evaluate("e => getComputedStyle(e).borderBottomStyle")
    assert style == "dotted"
    page.goto(live_server + nominal.get_attribute("href"))
    assert "فولكوف" in page.locator("h1").inner_text()
    assert "الوزير الروسي" in page.locator("ul.descriptions").inner_text()
    assert "الوزير الروسي" not in page.locator("ul.variants:not(.descriptions)").inner_text()
    shoot(page, artifacts_dir, "entity-descriptions")
    assert not page.problems, page.problems


def test_timeline_for_a_pair(page, live_server):
    response = page.goto(live_server + "/timeline?name=" + "فولكوف" + "&with=" + "الصاوي")
    assert response.status == 200
    assert not page.problems, page.problems

"""Hostile clients and hostile content in a real headless Chromium against a real `marsad serve`.

A server with a token and protected reads gets, through `POST /api/ingest`, articles (invented news
text) carrying <script> tags, event-handler attributes, `javascript:` URLs (in the url field, the
text, a source name and a title) and U+202E RIGHT-TO-LEFT OVERRIDE in titles and source names. Every
payload would set `window.__pwned` and request `/pwned/...` on the test server. The browser logs in
with the form, opens the article, search, entity, source and story pages, and the test proves that
nothing ran (no marker, no such request, no handler attribute or script element in the DOM) while
the payloads still show as text. A second test loads the interactive API docs and proves that every
request the page makes goes to the test server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote

import pytest

import marsad
from tests.conftest import _free_port

pytestmark = pytest.mark.ui

TOKEN = "browser-test-token-0123456789"
PWN = "window.__pwned=1;fetch('/pwned/{}')"
RLO = "\u202e"
RECORDS = [
    {"id": "h1", "source": "javascript:fetch('/pwned/source')",
     "title": "<script>" + PWN.format("title") + "</script> وزير الطاقة يعلن خطة لتوسيع شبكة الكهرباء",
     "url": "javascript:" + PWN.format("url"), "published": "2024-06-10",
     "text": "عمّان - أعلن وزير الطاقة خالد المنصوري اليوم الاثنين خطة لتوسيع شبكة الكهرباء في المحافظات "
             "الشمالية خلال ثلاث سنوات، وقال إن الخطة تشمل بناء محطتين جديدتين.\n\n"
             "<script>" + PWN.format("text-script") + "</script> وأضاف المنصوري أن الحكومة رصدت مئتي مليون "
             "دينار للمشروع.\n\n<img src=x onerror=\"" + PWN.format("text-img") + "\"> وأوضح أن العمل يبدأ "
             "في الربيع المقبل.\n\n<a href=\"javascript:" + PWN.format("text-link") + "\">التفاصيل الكاملة</a> "
             "javascript:" + PWN.format("text-url")},
    {"id": "h2", "source": "وكالة" + RLO + "الأنباء<img src=x onerror=\"" + PWN.format("source-img") + "\">",
     "title": RLO + "خطة حكومية لتوسيع شبكة الكهرباء في الشمال",
     "url": "https://example.org/news/2024/06/10/electricity", "published": "2024-06-10",
     "text": "عمّان - كشف وزير الطاقة خالد المنصوري عن خطة لتوسيع شبكة الكهرباء في المحافظات الشمالية "
             "خلال ثلاث سنوات، تشمل بناء محطتين جديدتين.\n\nوقال المنصوري إن الحكومة رصدت مئتي مليون دينار "
             "للمشروع الذي يبدأ العمل فيه في الربيع المقبل.\n\n" + RLO + "نص معكوس الاتجاه في وسط الخبر."},
    {"id": "h3", "source": "daily-east", "title": "javascript:" + PWN.format("title-url"),
     "url": "  JaVaScRiPt:" + PWN.format("url-mixed-case"), "published": "2024-06-11",
     "text": "إربد - افتتحت بلدية المدينة حديقة عامة جديدة على مساحة عشرين دونماً، وقال رئيس البلدية "
             "سامر الخطيب إن الحديقة تضم ملاعب للأطفال ومضماراً للمشي.\n\n<svg onload=\""
             + PWN.format("text-svg") + "\"></svg> وتفتح الحديقة أبوابها يومياً من الصباح حتى المساء."},
]

# Anything that could run: a handler attribute, a javascript: URL in any URL-bearing attribute, a script.
DOM_PROBE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on')) bad.push(el.tagName + ' ' + attr.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name) && value.startsWith('javascript:'))
        bad.push(el.tagName + ' ' + attr.name + '=' + value);
    }
  }
  for (const s of document.scripts) bad.push('script ' + (s.src || s.textContent.slice(0, 40)));
  return {bad, pwned: window.__pwned === undefined ? null : window.__pwned, text: document.body.innerText};
}"""


def call(base: str, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """`marsad serve` with a token and protected reads over an archive filled through the API."""
    path = tmp_path_factory.mktemp("hostile") / "archive"
    marsad.open(path).close()
    port = _free_port()
    env = {**os.environ, "MARSAD_TOKEN": TOKEN, "MARSAD_PROTECT_READS": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--archive", str(path), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                call(base, "GET", "/api/stats")
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"marsad serve did not start: {proc.stderr.read().decode()}") from None
                time.sleep(0.2)
        report = call(base, "POST", "/api/ingest", {"records": RECORDS})
        assert report["added"] == len(RECORDS), report
        ids = dict(zip([r["id"] for r in RECORDS], report["added_ids"], strict=True))
        call(base, "POST", "/api/stories/rebuild")
        yield base, ids
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def visitor(browser, hostile_server):
    """A browser context logged in through the form; every request it makes is recorded."""
    base, _ = hostile_server
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.problems = []
    context.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def test_login_form_opens_protected_reads(visitor, hostile_server):
    base, _ = hostile_server
    visitor.goto(base + "/sources")
    assert visitor.url == base + "/login?next=%2Fsources"
    visitor.fill("input[name=token]", "not-the-token-at-all")
    visitor.click("form.login button")
    assert visitor.locator("p.error").is_visible()
    visitor.fill("input[name=token]", TOKEN)
    visitor.click("form.login button")
    visitor.wait_for_url(base + "/sources")
    assert "marsad_session" not in visitor.evaluate("() => document.cookie")  # HttpOnly


def hostile_pages(base: str, ids: dict[str, str]) -> list[str]:
    return [
        *(f"/articles/{i}" for i in ids.values()),
        "/?q=" + quote("الكهرباء"), "/?q=window", "/sources", "/entities",
        "/entities/" + quote("PER:خالد المنصوري", safe=":"), "/stories?min_sources=1", "/stories/1", "/stories/2",
        "/copies", "/quotes", "/framing",
    ]


def test_hostile_content_never_runs_and_still_reads_as_text(visitor, hostile_server):
    base, ids = hostile_server
    if "/login" in visitor.url:  # run alone: log in first
        test_login_form_opens_protected_reads(visitor, hostile_server)
    visitor.requests.clear()
    visitor.problems.clear()  # the wrong-token login's 401 is not this test's business
    texts = {}
    for path in hostile_pages(base, ids):
        response = visitor.goto(base + path)
        assert response.status == 200, path
        probe = visitor.evaluate(DOM_PROBE)
        assert probe["bad"] == [] and probe["pwned"] is None, (path, probe["bad"])
        assert RLO not in probe["text"], path
        texts[path] = probe["text"]
    assert not [u for u in visitor.requests if "/pwned" in u], visitor.requests
    assert not [u for u in visitor.requests if not u.startswith(base)], visitor.requests
    assert not visitor.problems, visitor.problems  # a blocked inline script would show as a CSP error

    article = {key: texts[f"/articles/{i}"] for key, i in ids.items()}
    assert "<script>" + PWN.format("title") + "</script>" in article["h1"]
    assert '<img src=x onerror="' + PWN.format("text-img") + '">' in article["h1"]
    assert "javascript:" + PWN.format("url") in article["h1"]  # the url, shown but not a link
    assert "javascript:fetch('/pwned/source')" in article["h1"]
    assert "[U+202E]خطة حكومية" in article["h2"] and "[U+202E]نص معكوس" in article["h2"]
    assert '<svg onload="' in article["h3"]
    assert "وكالة[U+202E]الأنباء<img src=x" in texts["/sources"]
    assert "javascript:fetch('/pwned/source')" in texts["/stories/1"] + texts["/stories/2"]


def test_the_one_real_link_stays_a_link(visitor, hostile_server):
    base, ids = hostile_server
    visitor.goto(f"{base}/articles/{ids['h2']}")
    if "/login" in visitor.url:
        test_login_form_opens_protected_reads(visitor, hostile_server)
        visitor.goto(f"{base}/articles/{ids['h2']}")
    assert visitor.locator("a[href='https://example.org/news/2024/06/10/electricity']").count() == 1


def test_api_docs_load_nothing_from_another_host(page, live_server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(live_server + "/api/docs")
    assert response.status == 200
    page.wait_for_selector(".opblock", timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert page.locator(".opblock").count() >= 20  # every operation rendered from /openapi.json
    assert live_server + "/openapi.json" in requests
    assert requests and all(u.startswith(live_server + "/") for u in requests), requests
    assert not page.problems, page.problems  # CSP violations show up here

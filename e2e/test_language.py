"""No English on Chinese pages, no Chinese on English ones: every page each role can reach by its
links, and every form of those pages sent back blank and with wrong values, read in zh-CN and in
en. Runs its own Tandem (a fresh database) whose data is written in Greek, so that what is left
in Latin letters on a Chinese page — or in Chinese characters on an English one — can only be
the interface's own words. Codes, logins, need numbers, addresses and product names are allowed.
"""
import http.cookiejar
import os
import re
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

from tandem_e2e import api

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("TANDEM_BINARY", os.path.join(ROOT, ".build/debug/tandem"))
ADMIN_PASSWORD = "language-admin-password-1"
PASSWORD = "language password 2026"
PAGES_PER_SHAPE = 3
MAX_PAGES = 160

# Words a Chinese page may show in Latin letters: product and format names, and the name of the
# other language in the language menu.
ALLOWED_LATIN = {
    "Tandem", "English", "iCalendar", "Excel", "WeCom", "DingTalk", "Feishu", "Webhook", "webhook", "Markdown", "e-mail",
    "Content-Type", "Prometheus", "OpenAPI", "UTF", "BOM", "Slack",
}
# Chinese a English page may show: the name of the other language in the language menu.
ALLOWED_CHINESE = {"中文", "简体中文"}
DATA_OR_CODE = [
    re.compile(r"\bN-\d{4}-\d+\b"),                      # need numbers
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),            # e-mail addresses
    re.compile(r"https?://\S*"),                          # addresses
    re.compile(r"[\w-]*\.(csv|ics|json|png|txt|pdf)\b", re.I),  # file names
    re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"),  # ids
    re.compile(r"\b[A-Z][A-Z0-9_]{0,7}\b"),               # abbreviations and codes: IT, CSV, SLA, P1, ZH_CN
    re.compile(r"\b[a-z]+_[a-z_]+\b"),                    # field names of the API shown with their error
    re.compile(r"\b\d+(\.\d+)?\s?(px|ms|KB|MB|GB)\b"),
]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+")
GREEK_DATA = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Page(HTMLParser):
    """What a person reads on a page (text, placeholders, titles, button values), its same-site
    links and its forms with their fields."""

    SKIPPED = {"script", "style", "noscript"}
    READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.links, self.forms = [], [], []
        self.skipping = 0
        self.language = None
        # Open elements, each with whether it is marked as written in another language
        # (`lang="en"` around quoted English on a Chinese page): their words are not checked.
        self.open_elements = []
        self.form = None
        self.select = None

    def foreign(self):
        return any(marked for _, marked in self.open_elements)

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "html":
            self.language = attributes.get("lang")
        elif tag not in self.VOID:
            self.open_elements.append((tag, bool(attributes.get("lang")) and attributes.get("lang") != self.language))
        if tag in self.SKIPPED:
            self.skipping += 1
        for name in self.READ_ATTRIBUTES:
            if attributes.get(name) and not self.foreign():
                self.texts.append(attributes[name])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "form":
            self.form = {"action": attributes.get("action", ""), "method": attributes.get("method", "get").lower(),
                         "enctype": attributes.get("enctype", ""), "fields": []}
            self.forms.append(self.form)
        if self.form is None:
            return
        if tag == "input":
            kind = attributes.get("type", "text").lower()
            if kind in ("submit", "button", "reset") and attributes.get("value") and not self.foreign():
                self.texts.append(attributes["value"])
            if attributes.get("name") and kind not in ("submit", "button", "reset", "image"):
                checked = "checked" in attributes
                if kind in ("checkbox", "radio") and not checked:
                    return
                self.form["fields"].append({"name": attributes["name"], "kind": kind, "value": attributes.get("value", "")})
        elif tag == "textarea" and attributes.get("name"):
            self.form["fields"].append({"name": attributes["name"], "kind": "textarea", "value": ""})
        elif tag == "select" and attributes.get("name"):
            self.select = {"name": attributes["name"], "kind": "select", "value": None, "first": None}
            self.form["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            value = attributes.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attributes:
                self.select["value"] = value

    def handle_endtag(self, tag):
        if any(name == tag for name, _ in self.open_elements):
            while self.open_elements and self.open_elements.pop()[0] != tag:
                pass
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1
        if tag == "form":
            self.form = None
        if tag == "select" and self.select is not None:
            if self.select["value"] is None:
                self.select["value"] = self.select["first"] or ""
            self.select = None

    def handle_data(self, data):
        if not self.skipping and not self.foreign() and data.strip():
            self.texts.append(data.strip())


def leaks(texts, language, logins=()):
    """The words in texts that are not the page's language, with a little context."""
    found = []
    allowed = ALLOWED_LATIN | set(logins)
    for text in texts:
        rest = GREEK_DATA.sub(" ", text)
        for pattern in DATA_OR_CODE:
            rest = pattern.sub(" ", rest)
        if language == "zh-CN":
            words = [word for word in LATIN_WORD.findall(rest) if word not in allowed]
        else:
            words = [run for run in CHINESE.findall(rest) if run not in ALLOWED_CHINESE and re.search(r"[\u3400-\u9fff]", run)]
        found += [f"{word!r} in {text[:80]!r}" for word in words]
    return found


class Visitor:
    """One person's browser without JavaScript: cookies, the CSRF token of the forms, redirects."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def fetch(self, path, data=None, content_type=None):
        request = urllib.request.Request(self.base + path, data=data)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.geturl(), response.read().decode("utf-8", "replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode("utf-8", "replace"), error.headers

    def sign_in(self, login, password):
        _, _, html, _ = self.fetch("/sign-in")
        page = Page()
        page.feed(html)
        fields = {field["name"]: field["value"] for form in page.forms if form["action"] == "/sign-in" for field in form["fields"]}
        fields.update(login=login, password=password)
        status, url, _, _ = self.fetch("/sign-in", urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")
        assert status == 200 and "/sign-in" not in url, f"{login} could not sign in ({status} {url})"


def encode(form, values):
    """The body a browser sends for a form: urlencoded, or multipart with CRLF line ends."""
    if "multipart" not in form["enctype"]:
        return urllib.parse.urlencode(values).encode(), "application/x-www-form-urlencoded"
    boundary = "----tandemlanguage" + os.urandom(6).hex()
    parts = []
    for name, value in values:
        if name in form.get("files", ()):
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
                         f"Content-Type: application/octet-stream\r\n\r\n\r\n")
        else:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


WRONG = {"number": "abc", "date": "2026-02-30", "email": "@", "url": "@", "time": "25:61", "text": "@", "textarea": "@",
         "search": "@", "password": "x", "datetime-local": "2026-13-01T00:00"}


class Language(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        port = free_port()
        cls.data = tempfile.mkdtemp()
        environment = dict(os.environ, TANDEM_DATA_DIR=cls.data, TANDEM_ADMIN_PASSWORD=ADMIN_PASSWORD, TANDEM_BCRYPT_COST="4",
                           TANDEM_RESOURCES_DIR=ROOT, LOG_LEVEL="warning")
        cls.log = open(os.path.join(cls.data, "serve.log"), "w")
        cls.server = subprocess.Popen([BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                                      env=environment, stdout=cls.log, stderr=subprocess.STDOUT)
        cls.base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(cls.base + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        cls.people = cls.company()

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=20)
        cls.log.close()

    @classmethod
    def api(cls, method, path, body=None, token=None):
        return api(method, path, body, token, base=cls.base)

    @classmethod
    def token(cls, login, password=PASSWORD):
        return cls.api("POST", "/auth/sign-in", {"login": login, "password": password})["session_token"]

    @classmethod
    def company(cls):
        """Two departments with people of every role in both languages, an offering with a form,
        needs through their life, a goal and a suggestion — every name in Greek."""
        admin = cls.token("admin", ADMIN_PASSWORD)
        # What the first run writes itself is data too: its department and administrator.
        for department in cls.api("GET", "/departments", token=admin)["items"]:
            cls.api("PATCH", f"/departments/{department['id']}", {"name": "Διοίκηση"}, admin)
        for person in cls.api("GET", "/people", token=admin)["items"]:
            cls.api("PATCH", f"/people/{person['id']}", {"display_name": "Διαχειριστής"}, admin)
        calendar = cls.api("GET", "/calendars/default", token=admin)
        calendar["holidays"] = {day: "Αργία" for day in calendar["holidays"]}
        cls.api("PUT", "/calendars/default", calendar, admin)
        asking = cls.api("POST", "/departments", {"name": "Πωλήσεις", "code": "SALES", "is_provider": False}, admin)
        serving = cls.api("POST", "/departments", {"name": "Πληροφορική", "code": "IT", "is_provider": True}, admin)
        people = {}
        for language in ("zh-CN", "en"):
            suffix = "zh" if language == "zh-CN" else "en"
            for role, department in (("employee", asking), ("agent", serving), ("manager", serving), ("admin", serving)):
                login = f"{role}{suffix}"
                roles = ["agent", "manager"] if role == "manager" else [role]
                name = {"employee": "Ελένη", "agent": "Νίκος", "manager": "Μαρία", "admin": "Γιώργος"}[role]
                cls.api("POST", "/people", {"login": login, "display_name": f"{name} {'Α' if suffix == 'zh' else 'Β'}", "department_id": department["id"],
                                            "roles": roles, "language": language, "password": PASSWORD,
                                            "email": f"{login}@example.com"}, admin)
                people[(role, language)] = login
        people[("first", "administrator")] = "admin"
        offering = cls.api("POST", "/offerings", {
            "provider_id": serving["id"], "name": "Λογαριασμός", "kind": "technology", "description": "Νέος λογαριασμός",
            "audience": "everyone", "form_fields": [
                {"key": "system", "label": "Σύστημα", "type": "single_choice", "required": True, "options": ["Άλφα", "Βήτα"]},
                {"key": "seats", "label": "Θέσεις", "type": "number", "required": True, "options": []},
            ]}, admin)
        employee, agent = cls.token("employeezh"), cls.token("agentzh")
        for index in range(3):
            need = cls.api("POST", "/needs", {"title": f"Εκτυπωτής χαλασμένος {index}", "description": "Δεν τυπώνει",
                                              "offering_id": offering["id"], "form": {"system": "Άλφα", "seats": 2}}, employee)
            path = f"/needs/{need['id']}"
            if index == 0:
                upload = urllib.request.Request(cls.base + "/api/v1" + path + "/attachments?file_name=note.txt", method="POST",
                                                data=b"38 bytes of text, in a plain file.\n")
                upload.add_header("Content-Type", "text/plain")
                secret = cls.api("POST", "/me/tokens", {"name": "Κλειδί", "expires_in_days": 1}, employee)["secret"]
                upload.add_header("Authorization", "Bearer " + secret)
                urllib.request.urlopen(upload).read()
                continue
            cls.api("POST", path + "/transitions", {"action": "accept"}, agent)
            cls.api("POST", path + "/comments", {"body": "Το κοιτάμε", "visibility": "public"}, agent)
            cls.api("POST", path + "/comments", {"body": "Εσωτερική σημείωση", "visibility": "internal"}, agent)
            if index == 2:
                cls.api("POST", path + "/transitions", {"action": "start"}, agent)
                cls.api("POST", path + "/transitions", {"action": "resolve"}, agent)
                cls.api("PUT", path + "/rating", {"score": 4, "comment": "Ευχαριστώ"}, employee)
        cls.api("POST", "/goals", {"title": "Ψηφιοποίηση", "weight": 50, "starts_on": "2026-01-01", "ends_on": "2027-12-31"}, admin)
        cls.api("POST", "/suggestions", {"department_id": serving["id"], "body": "Περισσότεροι εκτυπωτές"}, employee)
        return people

    def walk(self, role, language):
        """Every page the person reaches by links, then every form on them sent blank and wrong."""
        visitor = Visitor(self.base)
        visitor.sign_in(self.people[(role, language)], PASSWORD)
        problems, seen, shapes, forms = [], set(), {}, {}
        self.refused = 0
        queue = ["/"]
        while queue and len(seen) < MAX_PAGES:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            status, url, html, headers = visitor.fetch(path)
            if "text/html" not in headers.get("Content-Type", ""):
                continue
            page = Page()
            page.feed(html)
            problems += [f"{path}: {leak}" for leak in leaks(page.texts, language, self.people.values())]
            for form in page.forms:
                key = (re.sub(r"/[0-9a-f-]{36}|/N-\d{4}-\d+|/\d+", "/:id", form["action"] or path), form["method"])
                forms.setdefault(key, (path, form))
            for href in page.links:
                target = urllib.parse.urljoin(url, href)
                parts = urllib.parse.urlsplit(target)
                if parts.netloc != urllib.parse.urlsplit(self.base).netloc:
                    continue
                link = parts.path + ("?" + parts.query if parts.query else "")
                if (link in seen or parts.path.startswith(("/api/", "/static/", "/sign-out", "/metrics", "/health"))
                        or re.search(r"\.(csv|ics|json|png|svg)$|/download|/export", parts.path)):
                    continue
                shape = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|N-\d{4}-\d+|\d+", "#", link)
                if shapes.get(shape, 0) >= PAGES_PER_SHAPE:
                    continue
                shapes[shape] = shapes.get(shape, 0) + 1
                queue.append(link)
        for (action, method), (path, form) in sorted(forms.items()):
            problems += self.send(visitor, path, form, language)
        self.pages_seen = seen
        return problems, len(seen), len(forms)

    def send(self, visitor, path, form, language):
        """A form sent as a browser would, its typed values blank and then wrong; forms without a
        field to type into (buttons that act) and signing out are left alone."""
        typed = [field for field in form["fields"] if field["kind"] not in ("hidden", "checkbox", "radio", "select", "file")]
        if not typed or form["action"].endswith("/sign-out"):
            return []
        form["files"] = {field["name"] for field in form["fields"] if field["kind"] == "file"}
        action = form["action"] or path
        problems = []
        for variant in ("blank", "wrong"):
            values = []
            for field in form["fields"]:
                if field["kind"] in ("hidden", "checkbox", "radio", "select"):
                    values.append((field["name"], field["value"] or ""))
                elif field["kind"] == "file":
                    values.append((field["name"], ""))
                else:
                    values.append((field["name"], "" if variant == "blank" else WRONG.get(field["kind"], "@")))
            if form["method"] == "get":
                status, _, html, _ = visitor.fetch(action.split("?")[0] + "?" + urllib.parse.urlencode(values))
            else:
                body, content_type = encode(form, values)
                status, _, html, _ = visitor.fetch(action, body, content_type)
            self.assertLess(status, 500, f"{form['method']} {action} ({variant}) from {path}")
            self.refused += status in (400, 403, 404, 409, 422)
            page = Page()
            page.feed(html)
            problems += [f"{form['method'].upper()} {action} ({variant}): {leak}" for leak in leaks(page.texts, language, self.people.values())]
        return problems

    def check(self, role, language):
        problems, pages, forms = self.walk(role, language)
        print(f"{role} {language}: {pages} pages, {forms} forms ({self.refused} answers refusing them), {len(problems)} problems")
        if os.environ.get("LANGUAGE_WALK_VERBOSE"):
            print("\n".join(sorted(self.pages_seen)))
        self.maxDiff = None
        self.assertGreater(pages, 8, "the walk reaches the pages")
        self.assertEqual(sorted(set(problems)), [], f"{role} in {language}")

    def test_employee_zh(self):
        self.check("employee", "zh-CN")

    def test_agent_zh(self):
        self.check("agent", "zh-CN")

    def test_manager_zh(self):
        self.check("manager", "zh-CN")

    def test_admin_zh(self):
        self.check("admin", "zh-CN")

    def test_employee_en(self):
        self.check("employee", "en")

    def test_agent_en(self):
        self.check("agent", "en")

    def test_manager_en(self):
        self.check("manager", "en")

    def test_admin_en(self):
        self.check("admin", "en")

    def test_the_check_finds_leaks(self):
        self.assertEqual(leaks(["需求 not found"], "zh-CN"), ["'not' in '需求 not found'", "'found' in '需求 not found'"])
        self.assertEqual(leaks(["N-2026-000001 · IT · Πωλήσεις · a@example.com"], "zh-CN"), [])
        self.assertEqual(leaks(["Need 已受理"], "en"), ["'已受理' in 'Need 已受理'"])


if __name__ == "__main__":
    unittest.main()

"""Helpers for the browser tests: the company the tests work in (made through the API),
a headless Chromium, and a screenshot of every failing test."""
import json
import os
import unittest
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("TANDEM_URL", "http://127.0.0.1:8080")
ADMIN_PASSWORD = os.environ.get("TANDEM_ADMIN_PASSWORD", "")
PASSWORD = "e2e password 2026"
SCREENSHOTS = os.path.join(os.path.dirname(__file__), "screenshots")


def api(method, path, body=None, token=None, base=None):
    """One API call; `base` names another server than the tests' own."""
    request = urllib.request.Request((base or BASE) + "/api/v1" + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Cookie", "tandem_session=" + token)
    try:
        with urllib.request.urlopen(request) as response:
            text = response.read()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{method} {path} → {error.code}: {error.read().decode()}")


class Company:
    """Sales asks, IT provides (an offering with custom fields), HR keeps a confidential need."""
    _made = None

    @classmethod
    def get(cls):
        if cls._made is None:
            cls._made = cls()
        return cls._made

    def __init__(self):
        admin = self.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        self.sales = api("POST", "/departments", {"name": "销售部", "code": f"S{unique}", "is_provider": False}, admin)
        self.it = api("POST", "/departments", {"name": "信息技术部", "code": f"I{unique}", "is_provider": True}, admin)
        self.hr = api("POST", "/departments", {"name": "人力资源部", "code": f"H{unique}", "is_provider": True}, admin)

        def person(login, name, department, roles):
            api("POST", "/people", {"login": login + unique, "display_name": name, "department_id": department["id"],
                                    "roles": roles, "language": "zh-CN", "password": PASSWORD}, admin)
            return login + unique

        self.employee = person("wang", "王小明", self.sales, ["employee"])
        self.agent = person("li", "李工程师", self.it, ["agent"])
        self.hr_person = person("zhao", "赵人事", self.hr, ["agent"])
        self.offering = api("POST", "/offerings", {
            "provider_id": self.it["id"], "name": "账号开通", "kind": "technology", "description": "为新同事开通系统账号",
            "audience": "everyone", "form_fields": [
                {"key": "system", "label": "系统", "type": "single_choice", "required": True, "options": ["CRM", "ERP"]},
                {"key": "seats", "label": "账号数量", "type": "number", "required": True, "options": []},
            ]}, admin)
        hr_token = self.session(self.hr_person, PASSWORD)
        self.confidential = api("POST", "/needs", {
            "title": "薪酬调整方案（保密）", "kind": "information", "providing_department_id": self.it["id"],
            "is_confidential": True}, hr_token)

    @staticmethod
    def session(login, password):
        return api("POST", "/auth/sign-in", {"login": login, "password": password})["session_token"]


def make_driver():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     "--lang=zh-CN"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    return driver


class BrowserTest(unittest.TestCase):
    """A fresh browser per test, and a screenshot when the test fails."""

    def setUp(self):
        self.company = Company.get()
        self.driver = make_driver()

    def tearDown(self):
        if self.failed():
            os.makedirs(SCREENSHOTS, exist_ok=True)
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, self.id().split(".")[-1] + ".png"))
        self.driver.quit()

    def failed(self):
        outcome = getattr(self, "_outcome", None)
        if outcome is None:
            return False
        result = outcome.result
        problems = list(getattr(result, "errors", [])) + list(getattr(result, "failures", []))
        return not outcome.success or any(test is self for test, _ in problems)

    # helpers
    def open(self, path):
        self.driver.get(BASE + path)

    def sign_in(self, login, password=PASSWORD):
        self.open("/sign-in")
        self.driver.find_element(By.ID, "login").send_keys(login)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button[type=submit]").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "sign-out")))

    def sign_out(self):
        self.driver.find_element(By.ID, "sign-out").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "login")))

    def submit(self, element_id):
        """Clicks a button that sends a form and waits for the next page."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.ID, element_id).click()

        def replaced(_):
            # Chromium sometimes answers for the old page's node with an inspector error
            # instead of "stale": either means the page was replaced.
            try:
                page.is_enabled()
                return False
            except WebDriverException:
                return True

        WebDriverWait(self.driver, 10).until(replaced)

    def text(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector).text

    def pick(self, field_id, typed, label):
        """Types into a type-ahead picker and takes the suggestion named `label` with the mouse;
        the choice then shows ticked above the field."""
        field = self.driver.find_element(By.ID, field_id)
        field.clear()
        field.send_keys(typed)
        option = (By.XPATH, f"//ul[@id='{field_id}-options']/li[span[1][normalize-space(.)='{label}']]")
        WebDriverWait(self.driver, 10).until(expected_conditions.visibility_of_element_located(option))
        self.driver.find_element(*option).click()
        picker = field.find_element(By.XPATH, "./ancestor::div[contains(@class,'picker')]")
        WebDriverWait(self.driver, 10).until(
            lambda _: any(box.is_selected() and label in box.find_element(By.XPATH, "..").text
                          for box in picker.find_elements(By.CSS_SELECTOR, ".picker-chosen input")))

"""What the browser sends is what is stored: every administration form saved unchanged from a
real Chromium (which sends a textarea's lines with CRLF) leaves the stored record identical, field
by field, as the API reads it; multi-line options typed in the browser are stored one per line."""
import os
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tandem_e2e import ADMIN_PASSWORD, BrowserTest, api

# Fields that a save may move on: when and how often a record was written.
CHANGING = {"updated_at", "version"}


def comparable(record):
    if isinstance(record, dict):
        return {key: comparable(value) for key, value in record.items() if key not in CHANGING}
    if isinstance(record, list):
        return [comparable(value) for value in record]
    return record


class RoundTrip(BrowserTest):
    def setUp(self):
        super().setUp()
        self.admin = self.company.session("admin", ADMIN_PASSWORD)

    def assert_unchanged(self, path, save):
        before = api("GET", path, token=self.admin)
        save()
        # NB: in the last 60 days of a year the service-level page warns of the next year's missing
        # holidays (#sla-missing-year): a notice, not a refusal
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, ".field-error, .alert:not(#sla-missing-year)"),
                         "saving the form unchanged was refused: " + self.driver.find_element(By.TAG_NAME, "main").text[:500])
        after = api("GET", path, token=self.admin)
        self.assertEqual(comparable(after), comparable(before), f"{path} changed by saving its form unchanged")
        return after

    def test_calendar_with_china_2026_saved_unchanged(self):
        """The built-in China 2026 calendar (holidays, make-up workdays) survives a save unchanged."""
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open("/admin/service-levels")
        self.assertGreater(len(self.driver.find_element(By.ID, "calendar-holidays").get_attribute("value").splitlines()), 5)
        calendar = self.assert_unchanged("/calendars/default", lambda: self.submit("calendar-save"))
        self.assertEqual(calendar["holidays"]["2026-10-07"], "国庆节")
        self.assertEqual(calendar["holidays"]["2026-02-15"], "春节")
        self.assertIn("2026-09-20", calendar["make_up_workdays"])
        self.assertNotIn("2026-10-08", calendar["holidays"])

    def test_calendar_lines_typed_in_the_browser(self):
        """Holidays typed on several lines become several holidays, each with its own name; a
        make-up day that would take the hours of a day without any (Sunday) is refused, named."""
        company = self.company
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open(f"/admin/service-levels?department={company.hr['id']}")
        holidays = self.driver.find_element(By.ID, "calendar-holidays")
        holidays.clear()
        holidays.send_keys("2026-01-01..2026-01-03 元旦\n2026-05-01..2026-05-05 劳动节\n")
        makeup = self.driver.find_element(By.ID, "calendar-makeup")
        makeup.clear()
        makeup.send_keys("2026-01-04 sunday")
        self.submit("calendar-save")
        self.assertIn("2026-01-04", self.text("#calendar-makeup-error"))
        holidays = self.driver.find_element(By.ID, "calendar-holidays")
        self.assertEqual(holidays.get_attribute("value").splitlines()[:2], ["2026-01-01..2026-01-03 元旦", "2026-05-01..2026-05-05 劳动节"])
        makeup = self.driver.find_element(By.ID, "calendar-makeup")
        makeup.clear()
        makeup.send_keys("2026-01-04 monday\n2026-05-09 周五")
        self.submit("calendar-save")
        calendar = api("GET", f"/departments/{company.hr['id']}/calendar", token=self.admin)
        self.assertEqual(calendar["holidays"].get("2026-01-03"), "元旦")
        self.assertEqual(calendar["holidays"].get("2026-05-05"), "劳动节")
        self.assertEqual(len(calendar["holidays"]), 8)
        self.assertEqual(calendar["make_up_workdays"], {"2026-01-04": "monday", "2026-05-09": "friday"})
        self.assert_unchanged(f"/departments/{company.hr['id']}/calendar", lambda: self.submit("calendar-save"))

    def test_offering_with_choice_options_saved_unchanged(self):
        """A catalog entry whose form has a choice field keeps its options, one per line."""
        offering = self.company.offering
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open(f"/admin/catalog/{offering['id']}")
        saved = self.assert_unchanged(f"/offerings/{offering['id']}", lambda: self.submit("offering-save"))
        self.assertEqual(saved["form_fields"][0]["options"], ["CRM", "ERP"])

    def test_department_person_and_policy_saved_unchanged(self):
        """A department, a person and a service-level policy saved unchanged stay as they were."""
        company = self.company
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open(f"/admin/departments/{company.it['id']}")
        self.assert_unchanged(f"/departments/{company.it['id']}", lambda: self.submit("department-save"))
        person = next(p for p in api("GET", f"/people?department_id={company.it['id']}", token=self.admin)["items"]
                      if p["login"] == company.agent)
        self.open(f"/admin/people/{person['id']}")
        self.assert_unchanged(f"/people/{person['id']}", lambda: self.submit("person-save"))
        self.open(f"/admin/service-levels?department={company.it['id']}&offering={company.offering['id']}")
        self.assert_unchanged(f"/offerings/{company.offering['id']}/service-level", lambda: self.submit("policy-save"))

    def test_survey_options_typed_on_lines(self):
        """Options typed one per line are stored one per line, and a form sent back with an error
        keeps them as typed, so sending it again stores the same options."""
        company = self.company
        unique = os.urandom(2).hex()
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open("/surveys/new")
        self.pick("survey-audience", company.sales["code"], company.sales["name"])
        self.driver.find_element(By.ID, "question-prompt-0").send_keys("最常用的系统")
        Select(self.driver.find_element(By.ID, "question-kind-0")).select_by_value("single_choice")
        self.driver.find_element(By.ID, "question-options-0").send_keys("CRM 客户管理\nERP\n  OA 办公  \n")
        self.submit("survey-create")  # no title: sent back
        self.assertTrue(self.driver.find_elements(By.ID, "survey-title-error"))
        typed = self.driver.find_element(By.ID, "question-options-0").get_attribute("value").splitlines()
        self.assertEqual([line.strip() for line in typed], ["CRM 客户管理", "ERP", "OA 办公"])
        self.driver.find_element(By.ID, "survey-title").send_keys(f"系统调研 {unique}")
        self.submit("survey-create")
        surveys = api("GET", "/surveys", token=self.admin)["items"]
        survey = next(s for s in surveys if s["title"] == f"系统调研 {unique}")
        detail = api("GET", f"/surveys/{survey['id']}", token=self.admin)
        questions = detail.get("questions") or detail["survey"]["questions"]
        self.assertEqual(questions[0]["options"], ["CRM 客户管理", "ERP", "OA 办公"])

    def test_survey_questions_added_and_removed_without_a_failed_submit(self):
        """"Add a question" gives a fifth row after the four shown; a question removed is not
        stored; the survey is made at the first send, with the questions in their order."""
        company = self.company
        unique = os.urandom(2).hex()
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open("/surveys/new")
        self.driver.find_element(By.ID, "survey-title").send_keys(f"办公环境调研 {unique}")
        self.pick("survey-audience", company.sales["code"], company.sales["name"])
        rows = len(self.driver.find_elements(By.CSS_SELECTOR, "#question-rows .repeat-row"))
        self.driver.find_element(By.ID, "question-add").click()
        added = rows  # the new row's index
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#question-rows .repeat-row")), rows + 1)
        self.assertIn(f"第 {added + 1} 题", self.text(f"#question-row-{added} legend"))
        self.driver.find_element(By.ID, "question-prompt-0").send_keys("工位够用吗")
        Select(self.driver.find_element(By.ID, "question-kind-0")).select_by_value("rating")
        Select(self.driver.find_element(By.ID, f"question-kind-{added}")).select_by_value("text")
        self.driver.find_element(By.ID, "question-prompt-1").send_keys("这个问题不要了")
        self.driver.find_element(By.ID, f"question-prompt-{added}").send_keys("会议室好订吗")
        self.driver.find_element(By.CSS_SELECTOR, "#question-row-1 .row-remove").click()
        self.assertFalse(self.driver.find_element(By.ID, "question-row-1").is_displayed())
        self.submit("survey-create")
        errors = [(e.get_attribute("id"), e.text) for e in self.driver.find_elements(By.CSS_SELECTOR, ".field-error")]
        self.assertEqual(errors, [], "made at the first send")
        surveys = api("GET", "/surveys", token=self.admin)["items"]
        survey = next(s for s in surveys if s["title"] == f"办公环境调研 {unique}")
        detail = api("GET", f"/surveys/{survey['id']}", token=self.admin)
        questions = detail.get("questions") or detail["survey"]["questions"]
        self.assertEqual([q["prompt"] for q in questions], ["工位够用吗", "会议室好订吗"])


if __name__ == "__main__":
    unittest.main()

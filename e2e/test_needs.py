"""The paths people take through Tandem's pages, in a real Chromium."""
import os
import tempfile
import unittest

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from tandem_e2e import BrowserTest, api, Company, PASSWORD


class NeedPaths(BrowserTest):
    def raise_account_need(self, title, seats, attachment=None):
        company = self.company
        self.open("/needs/new")
        self.driver.find_element(By.PARTIAL_LINK_TEXT, "信息技术部").click()
        self.driver.find_element(By.PARTIAL_LINK_TEXT, "账号开通").click()
        self.driver.find_element(By.ID, "title").send_keys(title)
        self.driver.find_element(By.ID, "description").send_keys("新同事下周一入职")
        Select(self.driver.find_element(By.ID, "form-system")).select_by_visible_text("CRM")
        self.driver.find_element(By.ID, "form-seats").send_keys(seats)
        Select(self.driver.find_element(By.ID, "urgency")).select_by_value("critical")
        Select(self.driver.find_element(By.ID, "importance")).select_by_value("critical")
        if attachment:
            self.driver.find_element(By.ID, "attachments").send_keys(attachment)
        return company

    def test_1_raise_work_and_follow_a_need(self):
        """An employee raises a need with a custom field and a file; an IT agent finds it in the
        queue, accepts, replies and resolves it; the employee sees the reply and the timeline."""
        company = self.company
        with tempfile.NamedTemporaryFile("wb", suffix=".pdf", prefix="清单-", delete=False) as handle:
            handle.write(b"%PDF-1.7\n% e2e\n")
            pdf = handle.name
        self.sign_in(company.employee)
        self.raise_account_need("给新同事开通 CRM", "2", attachment=pdf)
        # the priority follows urgency and importance as they are chosen (the little script)
        self.assertEqual(self.text("#priority-output"), "P1 最高")
        self.submit("raise-submit")
        number = self.text(".need-head .number")
        self.assertTrue(number.startswith("N-"), number)
        self.assertEqual(self.text("#need-title"), "给新同事开通 CRM")
        self.assertIn("账号数量", self.text("dl.answers"))
        self.assertIn(os.path.basename(pdf), self.text("ul.files"))
        self.sign_out()

        self.sign_in(company.agent)
        self.open("/queue")
        self.driver.find_element(By.LINK_TEXT, "给新同事开通 CRM").click()
        self.submit("action-accept")
        self.assertEqual(self.text("#need-status"), "已受理")
        self.driver.find_element(By.ID, "comment-body").send_keys("内部：用模板账号")
        self.driver.find_element(By.ID, "visibility-internal").click()
        self.submit("comment-submit")
        self.driver.find_element(By.ID, "comment-body").send_keys("账号已经准备好了，初始密码已发邮件。")
        self.submit("comment-submit")
        self.submit("action-resolve")
        self.assertEqual(self.text("#need-status"), "已解决")
        self.sign_out()

        self.sign_in(company.employee)
        self.open("/needs/" + number)
        timeline = self.text("#timeline")
        self.assertIn("账号已经准备好了", timeline)
        self.assertNotIn("用模板账号", timeline, "an internal note never reaches the requester")
        self.assertIn("已解决", timeline)
        self.assertIn("李工程师", timeline)
        self.assertIn("提出了需求", timeline)

    def test_2_language_switch_changes_the_whole_page(self):
        self.sign_in(self.company.employee)
        self.open("/profile")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "zh-CN")
        self.submit("language-switch")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "en")
        body = self.driver.find_element(By.TAG_NAME, "body").text
        self.assertIn("Change the password", body)
        self.assertIn("Sign out", body)
        for chinese in ("修改密码", "退出登录", "个人设置", "首页"):
            self.assertNotIn(chinese, body)
        self.submit("language-switch")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "zh-CN")

    def test_3_confidential_need_of_another_department_is_not_found(self):
        self.sign_in(self.company.employee)
        self.open("/needs/" + self.company.confidential["number"])
        self.assertEqual(self.text("h1"), "找不到页面")
        self.assertNotIn("薪酬调整", self.driver.page_source)
        self.open("/needs/N-2026-999999")
        self.assertEqual(self.text("h1"), "找不到页面")

    def test_4_a_script_title_stays_text(self):
        company = self.company
        token = Company.session(company.employee, PASSWORD)
        script = "<script>alert(1)</script>"
        need = api("POST", "/needs", {"title": script, "offering_id": company.offering["id"],
                                      "form": {"system": "ERP", "seats": 1}}, token)
        api("POST", f"/needs/{need['id']}/comments", {"body": "<img src=x onerror=alert(2)>"}, token)
        self.sign_in(company.employee)
        for path in ("/", "/needs/" + need["number"]):
            self.open(path)
            with self.assertRaises(NoAlertPresentException):
                self.driver.switch_to.alert.text
            self.assertIn(script, self.driver.find_element(By.TAG_NAME, "main").text)
        self.assertIn("<img src=x onerror=alert(2)>", self.text("#timeline"))
        self.sign_out()
        self.sign_in(company.agent)
        self.open("/queue")
        with self.assertRaises(NoAlertPresentException):
            self.driver.switch_to.alert.text
        self.assertIn(script, self.text("table.needs"))

    def test_5_a_bad_value_is_shown_next_to_its_field_and_what_was_typed_stays(self):
        self.sign_in(self.company.employee)
        self.raise_account_need("数量写错了", "很多")
        self.submit("raise-submit")
        error = self.driver.find_element(By.ID, "form-seats-error")
        self.assertEqual(error.text, "请填写数字")
        seats = self.driver.find_element(By.ID, "form-seats")
        self.assertEqual(seats.get_attribute("value"), "很多")
        self.assertEqual(seats.get_attribute("aria-invalid"), "true")
        self.assertEqual(self.driver.find_element(By.ID, "title").get_attribute("value"), "数量写错了")
        self.assertEqual(self.driver.find_element(By.ID, "description").get_attribute("value"), "新同事下周一入职")
        self.assertEqual(Select(self.driver.find_element(By.ID, "form-system")).first_selected_option.text, "CRM")
        self.assertEqual(Select(self.driver.find_element(By.ID, "urgency")).first_selected_option.get_attribute("value"), "critical")
        # the cursor is put on the field to correct
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "form-seats")

    def test_6_a_duplicate_from_another_department_is_merged_at_triage(self):
        """HR raises what Sales raised already; the IT agent sees it among the likely duplicates,
        merges it after confirming, and lands on the need it went into; HR follows that need."""
        company = self.company
        unique = os.urandom(2).hex()
        employee = Company.session(company.employee, PASSWORD)
        kept = api("POST", "/needs", {"title": f"会议室投影仪没有信号 {unique}", "kind": "technology",
                                      "providing_department_id": company.it["id"]}, employee)
        hr = Company.session(company.hr_person, PASSWORD)
        duplicate = api("POST", "/needs", {"title": f"会议室投影仪又没信号了 {unique}", "kind": "technology",
                                           "providing_department_id": company.it["id"]}, hr)
        self.sign_in(company.agent)
        self.open("/needs/" + duplicate["number"])
        self.assertIn(kept["number"], self.text("#duplicate-list"))
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.CSS_SELECTOR, "#duplicate-list .merge-into").click()
        self.assertIn("确定合并吗", self.driver.switch_to.alert.text)
        self.driver.switch_to.alert.accept()
        WebDriverWait(self.driver, 10).until(expected_conditions.staleness_of(page))
        self.assertEqual(self.text(".need-head .number"), kept["number"])
        self.assertIn("合并了需求", self.text("#timeline"))
        self.assertIn(duplicate["number"], self.text("#timeline"))
        self.assertIn("赵人事", self.text("dl.facts"))
        self.sign_out()

        self.sign_in(company.hr_person)
        self.open("/needs/" + duplicate["number"])
        self.assertEqual(self.text("#need-status"), "已合并")
        self.driver.find_element(By.CSS_SELECTOR, "#merged-into a").click()
        self.assertEqual(self.text("#need-title"), kept["title"])


if __name__ == "__main__":
    unittest.main()

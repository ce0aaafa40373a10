"""Type-ahead pickers in a real Chromium: a colleague found by pinyin initials and taken with the
keyboard on a wide screen, a department and a colleague taken by a tap on a phone, the choice
saved and the suggestions kept inside the phone's width."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tandem_e2e import ADMIN_PASSWORD, BrowserTest, Company, PASSWORD, api


class Pickers(BrowserTest):
    def person_id(self, login, token):
        found = api("GET", f"/people?q={login}&limit=5", token=token)["items"]
        return next(person["id"] for person in found if person["login"] == login)

    def test_assignee_by_initials_with_the_keyboard(self):
        """李工程师 is found as `lgcs`; Arrow and Enter take the suggestion without sending the
        form; saving assigns the need to him."""
        company = self.company
        employee = Company.session(company.employee, PASSWORD)
        need = api("POST", "/needs", {"title": "新员工邮箱开通", "kind": "technology", "providing_department_id": company.it["id"]},
                   employee)
        self.sign_in(company.agent)
        self.open(f"/needs/{need['number']}")
        field = self.driver.find_element(By.ID, "assignees")
        self.assertEqual(field.get_attribute("placeholder"), "输入姓名、拼音或账号")
        field.send_keys("lgcs")
        options = (By.CSS_SELECTOR, "#assignees-options li[role=option]")
        WebDriverWait(self.driver, 10).until(expected_conditions.visibility_of_element_located(options))
        self.assertEqual(field.get_attribute("aria-expanded"), "true")
        first = self.driver.find_elements(*options)[0]
        self.assertIn("李工程师", first.text)
        self.assertIn(company.agent, first.text, "the login tells namesakes apart")
        field.send_keys(Keys.ARROW_DOWN, Keys.ARROW_UP, Keys.ENTER)
        chosen = self.driver.find_elements(By.CSS_SELECTOR, ".picker-chosen input[name=assignee_ids]:checked")
        self.assertEqual(len(chosen), 1, "Enter took the suggestion and did not send the form")
        self.assertEqual(field.get_attribute("value"), "")
        self.submit("assign-submit")
        stored = api("GET", f"/needs/{need['number']}", token=employee)
        self.assertEqual(stored["assignee_ids"], [self.person_id(company.agent, employee)])
        # the saved choice shows ticked and round-trips unchanged
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, ".picker-chosen input[name=assignee_ids]:checked")), 1)

    def test_meeting_on_a_phone(self):
        """On a 390 px phone the suggestions fit the width, each row at least 44 px tall; a tap
        takes a department and a colleague, and the meeting is recorded with them."""
        company = self.company
        self.driver.set_window_size(390, 844)
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open("/meetings")
        self.driver.find_element(By.ID, "meeting-title").send_keys("销售与 IT 沟通会")
        field = self.driver.find_element(By.ID, "meeting-attendees")
        field.send_keys("wxm")
        rows = (By.CSS_SELECTOR, "#meeting-attendees-options li[role=option]")
        WebDriverWait(self.driver, 10).until(expected_conditions.visibility_of_element_located(rows))
        width = self.driver.execute_script("return window.innerWidth;")
        for row in self.driver.find_elements(*rows):
            self.assertLessEqual(row.rect["x"] + row.rect["width"], width)
            self.assertGreaterEqual(row.rect["height"], 44)
        self.assertLessEqual(self.driver.execute_script("return document.documentElement.scrollWidth;"), width)
        self.pick("meeting-attendees", company.employee, "王小明")
        self.pick("meeting-departments", company.sales["code"], "销售部")
        self.submit("meeting-save")
        self.assertIn("/meetings/", self.driver.current_url)
        self.assertIn("王小明", self.driver.page_source)
        self.assertIn("销售部", self.driver.page_source)


if __name__ == "__main__":
    unittest.main()

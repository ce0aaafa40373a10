"""Notifications and service levels in a real Chromium: an agent learns of a new need from the
inbox, opens it there, and reads its service-level clocks."""
import time
import unittest

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tandem_e2e import BrowserTest, api, Company, PASSWORD


class NotificationPaths(BrowserTest):
    def test_the_inbox_tells_the_agent_and_opens_the_need(self):
        company = self.company
        token = Company.session(company.employee, PASSWORD)
        title = "<b>新显示器</b> 到货了吗"
        need = api("POST", "/needs", {"title": title, "offering_id": company.offering["id"],
                                      "form": {"system": "CRM", "seats": 1}}, token)
        self.sign_in(company.agent)
        # the follow-up job runs in the background: the notification arrives within moments
        deadline = time.time() + 15
        while time.time() < deadline:
            self.open("/inbox")
            if need["number"] in self.driver.find_element(By.ID, "main").text:
                break
            time.sleep(0.5)
        self.assertTrue(self.driver.find_elements(By.ID, "unread-count"), "the navigation shows unread notifications")
        item = self.driver.find_element(By.XPATH, f"//li[contains(., '{need['number']}')]")
        self.assertIn("unread", item.get_attribute("class"))
        self.assertIn(title, item.text, "the title is shown as text")
        with self.assertRaises(NoAlertPresentException):
            self.driver.switch_to.alert.text
        item.find_element(By.CSS_SELECTOR, "button.notice").click()
        WebDriverWait(self.driver, 10).until(lambda driver: need["number"] in driver.current_url)
        self.assertEqual(self.text("#need-title"), title)
        clocks = self.text("#service-level")
        self.assertIn("首次响应", clocks)
        self.assertIn("解决", clocks)
        self.open("/inbox")
        item = self.driver.find_element(By.XPATH, f"//li[contains(., '{need['number']}')]")
        self.assertNotIn("unread", item.get_attribute("class"), "opened means read")


if __name__ == "__main__":
    unittest.main()

"""Setting one's own password by e-mail in a real Chromium, with a real SMTP server: "forgot
password" on the sign-in page, the e-mail's link, the new password, signed in; and an
administrator's invitation to a person without a password."""
import os
import re
import time
import unittest

from selenium.webdriver.common.by import By

from tandem_e2e import ADMIN_PASSWORD, BrowserTest, Company, PASSWORD, api
from test_feedback import mails_to


class PasswordLinks(BrowserTest):
    def link_in_mail(self, address, subject_part):
        deadline = time.time() + 20
        while time.time() < deadline:
            for message in mails_to(address):
                if subject_part in str(message["Subject"]):
                    text = message.get_body(preferencelist=("plain",)).get_content()
                    match = re.search(r"(http://\S+/password/set\?token=\S+)", text)
                    if match:
                        return match.group(1)
            time.sleep(0.5)
        self.fail(f"no e-mail '{subject_part}' to {address}")

    def set_password(self, link, password):
        self.driver.delete_all_cookies()
        self.driver.get(link)
        self.driver.find_element(By.ID, "new-password").send_keys(password)
        self.driver.find_element(By.ID, "repeat-password").send_keys(password)
        self.submit("password-save")

    def test_forgot_password_by_email(self):
        admin = Company.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        address = f"forgot{unique}@example.com"
        api("POST", "/people", {"login": "forgot" + unique, "display_name": "周忘记", "department_id": self.company.sales["id"],
                                "roles": ["employee"], "language": "zh-CN", "password": PASSWORD, "email": address}, admin)
        self.open("/sign-in")
        self.driver.find_element(By.ID, "forgot-link").click()
        self.driver.find_element(By.ID, "forgot-login").send_keys(address.upper())
        self.submit("forgot-send")
        # a visitor not signed in reads the page in the browser's language (English here)
        self.assertIn("on its way", self.text("#password-sent"))
        link = self.link_in_mail(address, "设置新密码")
        self.set_password(link, "a brand new password 1")
        self.assertIn("周忘记", self.text(".top"), "signed in with the new password")
        self.sign_out()
        self.sign_in("forgot" + unique, "a brand new password 1")
        # the link works once
        self.driver.delete_all_cookies()
        self.driver.get(link)
        self.assertIn("used already", self.text("#password-link-problem"))
        self.assertTrue(self.driver.find_elements(By.ID, "password-new-link"))

    def test_invitation_sets_the_first_password(self):
        admin = Company.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        address = f"invite{unique}@example.com"
        person = api("POST", "/people", {"login": "invite" + unique, "display_name": "吴新人", "department_id": self.company.sales["id"],
                                         "roles": ["employee"], "language": "zh-CN", "email": address}, admin)
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open(f"/admin/people/{person['id']}")
        self.submit("person-invite")
        link = self.link_in_mail(address, "邀请您使用 Tandem")
        self.set_password(link, "my own password 2026")
        self.assertIn("吴新人", self.text(".top"))


if __name__ == "__main__":
    unittest.main()

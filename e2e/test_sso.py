"""Single sign-on in a real Chromium against a real OpenID provider (Django with
django-oidc-provider): the company-account button, the provider's own sign-in page, back in
Tandem as a person created in the department the provider names, signed out at both ends; a
callback that Tandem did not start is refused."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tandem_e2e import ADMIN_PASSWORD, BASE, BrowserTest, Company, api


class SingleSignOn(BrowserTest):
    def test_sign_in_with_the_company_account(self):
        admin = Company.session("admin", ADMIN_PASSWORD)
        departments = api("GET", "/departments", token=admin)["items"]
        sales = next((d for d in departments if d["code"] == "SALES"), None) or api(
            "POST", "/departments", {"name": "销售中心", "code": "SALES", "is_provider": False}, admin)
        self.open("/sign-in")
        self.driver.find_element(By.ID, "sign-in-sso").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "id_username")))
        self.assertNotIn(BASE, self.driver.current_url, "at the provider's own page")
        self.driver.find_element(By.ID, "id_username").send_keys("sso.zhang")
        self.driver.find_element(By.ID, "id_password").send_keys("provider-password-1")
        self.driver.find_element(By.ID, "provider-sign-in").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "sign-out")))
        self.assertTrue(self.driver.current_url.startswith(BASE))
        self.assertIn("张三丰", self.text(".top"))
        people = api("GET", "/people?q=sso.zhang", token=admin)["items"]
        self.assertEqual([(p["login"], p["department_id"], p["email"]) for p in people],
                         [("sso.zhang", sales["id"], "zhangsf@example.com")])
        # signed out here and at the provider: the next sign-in asks for the password again
        self.driver.find_element(By.ID, "sign-out").click()
        WebDriverWait(self.driver, 10).until(lambda driver: "/sign-in" in driver.current_url)
        self.driver.find_element(By.ID, "sign-in-sso").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "id_username")))

    def test_a_callback_tandem_did_not_start_is_refused(self):
        self.open("/auth/oidc/callback?code=forged&state=forged")
        self.assertTrue(self.driver.find_elements(By.ID, "sign-in-error"))
        self.assertFalse(self.driver.find_elements(By.ID, "sign-out"))


if __name__ == "__main__":
    unittest.main()

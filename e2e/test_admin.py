"""Administration in a real Chromium: the organisation tree, people, a catalog entry whose form
rows are added by the page's script, and the priority matrix."""
import os
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tandem_e2e import ADMIN_PASSWORD, BrowserTest, PASSWORD


class AdminPaths(BrowserTest):
    def test_department_and_person(self):
        """A bad department code is named next to its field with what was typed kept; the fixed
        department sits under its parent; a person added there can sign in."""
        company = self.company
        unique = os.urandom(2).hex()
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open("/admin/departments")
        self.driver.find_element(By.ID, "department-name").send_keys("网络组")
        self.driver.find_element(By.ID, "department-code").send_keys("网络 组")
        self.pick("department-parent", company.it["code"], company.it["name"])
        self.submit("department-save")
        self.assertIn("代码须为", self.text("#department-code-error"))
        code = self.driver.find_element(By.ID, "department-code")
        self.assertEqual(code.get_attribute("value"), "网络 组")
        self.assertEqual(self.driver.switch_to.active_element, code, "the first invalid field has the focus")
        code.clear()
        code.send_keys(f"NET{unique}")
        self.submit("department-save")
        codes = [row.get_attribute("data-code") for row in self.driver.find_elements(By.CSS_SELECTOR, "#department-tree tbody tr")]
        self.assertEqual(codes.index(f"NET{unique}".upper()), codes.index(company.it["code"]) + 1)

        self.open("/admin/people")
        self.driver.find_element(By.ID, "person-login").send_keys(f"net{unique}")
        self.driver.find_element(By.ID, "person-name").send_keys("网管小周")
        self.pick("person-department", f"NET{unique}", "网络组")
        self.driver.find_element(By.ID, "role-agent").click()
        self.driver.find_element(By.ID, "person-password").send_keys(PASSWORD)
        self.submit("person-save")
        self.assertIn("网管小周", self.text("#people-list"))
        self.sign_out()
        self.sign_in(f"net{unique}")
        self.assertIn("网管小周", self.text(".top"))

    def test_catalog_entry_with_added_rows(self):
        """The script adds a form row; the saved entry's form is what a requester then fills in."""
        company = self.company
        unique = os.urandom(2).hex()
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open(f"/admin/catalog?department={company.it['id']}")
        self.driver.find_element(By.ID, "offering-new").click()
        self.driver.find_element(By.ID, "offering-name").send_keys(f"电脑申领 {unique}")
        Select(self.driver.find_element(By.ID, "offering-kind")).select_by_value("resource")
        options = self.driver.find_element(By.ID, "field_options_0")
        self.assertFalse(options.is_displayed(), "options show only for choice fields")
        self.driver.find_element(By.ID, "field_label_0").send_keys("设备")
        Select(self.driver.find_element(By.ID, "field_type_0")).select_by_value("single_choice")
        self.assertTrue(options.is_displayed())
        options.send_keys("笔记本\n台式机")
        self.driver.find_element(By.ID, "field_label_1").send_keys("用途")
        self.driver.find_element(By.ID, "field-add").click()
        self.driver.find_element(By.ID, "field_label_2").send_keys("到岗日期")
        Select(self.driver.find_element(By.ID, "field_type_2")).select_by_value("date")
        self.assertEqual(self.driver.find_element(By.ID, "field-count").get_attribute("value"), "3")
        self.submit("offering-save")
        self.assertIn(f"电脑申领 {unique}", self.text("#offering-list"))
        self.sign_out()

        self.sign_in(company.employee)
        self.open("/needs/new")
        self.driver.find_element(By.PARTIAL_LINK_TEXT, "信息技术部").click()
        self.driver.find_element(By.PARTIAL_LINK_TEXT, f"电脑申领 {unique}").click()
        choices = [option.text for option in Select(self.driver.find_element(By.ID, "form-field_1")).options]
        self.assertIn("台式机", choices)
        self.assertTrue(self.driver.find_element(By.ID, "form-field_2").is_displayed())
        self.assertEqual(self.driver.find_element(By.ID, "form-field_3").get_attribute("type"), "date")

    def test_priority_matrix_changes_the_live_priority(self):
        """An administrator makes low × low a P2; the raise form then shows P2 for it as it is chosen."""
        company = self.company
        self.sign_in("admin", ADMIN_PASSWORD)
        self.open("/admin/priority-matrix")
        Select(self.driver.find_element(By.ID, "cell_low_low")).select_by_value("p2")
        self.submit("matrix-save")
        self.assertEqual(Select(self.driver.find_element(By.ID, "cell_low_low")).first_selected_option.get_attribute("value"), "p2")
        self.sign_out()
        self.sign_in(company.employee)
        self.open(f"/needs/new?offering={company.offering['id']}")
        Select(self.driver.find_element(By.ID, "urgency")).select_by_value("low")
        Select(self.driver.find_element(By.ID, "importance")).select_by_value("low")
        self.assertTrue(self.text("#priority-output").startswith("P2"))


if __name__ == "__main__":
    unittest.main()

"""Every page on a phone (390×844, the size WeCom, DingTalk and Feishu open links at) and on a
wide screen (1920×1080), as each role sees it: nothing scrolls sideways; on the phone the menu is
collapsed behind its toggle and its links are 44 px tall; on the wide screen the queue uses the
width. Screenshots of the main pages are kept in e2e/screenshots/screens/."""
import os
import unittest

from selenium.webdriver.common.by import By

from tandem_e2e import ADMIN_PASSWORD, BrowserTest, Company, PASSWORD, SCREENSHOTS, api

PHONE, WIDE = (390, 844), (1920, 1080)
PAGES = [
    "/", "/needs/new", "/queue", "/search?q=%E6%89%93%E5%8D%B0%E6%9C%BA", "/dashboards", "/dashboards/company", "/dashboards/me",
    "/planning", "/goals", "/themes", "/map", "/scorecards", "/surveys", "/evaluations", "/meetings", "/suggestions", "/plans",
    "/drafts", "/inbox", "/profile",
]
ADMIN_PAGES = [
    "/admin/departments", "/admin/people", "/admin/catalog", "/admin/catalog/new", "/admin/priority-matrix", "/admin/privacy",
    "/admin/jobs", "/admin/imports", "/admin/channels", "/admin/service-levels", "/surveys/new",
]
SHOWN = {"/": "home", "/queue": "queue", "/dashboards/company": "dashboard", "/scorecards": "scorecards", "/planning": "planning",
         "/themes": "themes"}


class Screens(BrowserTest):
    def need(self):
        """A need with a long title and description, raised by the employee to IT."""
        token = Company.session(self.company.employee, PASSWORD)
        return api("POST", "/needs", {
            "title": "三楼彩色打印机卡纸无法打印，会议材料急着要用，请尽快安排同事过来看一下 " + "很长的描述" * 3,
            "description": "https://example.com/a/very/long/address/that/does/not/break/anywhere/" + "x" * 120,
            "kind": "technology", "providing_department_id": self.company.it["id"]}, token)

    def overflowing(self, paths):
        """The pages that scroll sideways at the current size, with how far."""
        wide = []
        for path in paths:
            self.open(path)
            width, inner = self.driver.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth];")
            if width > inner:
                wide.append((path, width, inner))
        return wide

    def shoot(self, size, path):
        if path in SHOWN:
            folder = os.path.join(SCREENSHOTS, "screens")
            os.makedirs(folder, exist_ok=True)
            self.open(path)
            self.driver.save_screenshot(os.path.join(folder, f"{size[0]}x{size[1]}-{SHOWN[path]}.png"))

    def check_every_page(self, login, password, extra):
        self.sign_in(login, password)
        need = "/needs/" + self.need()["number"]
        paths = PAGES + extra + [need, "/dashboards/departments/" + self.company.it["id"]]
        for size in (PHONE, WIDE):
            self.driver.set_window_size(*size)
            self.assertEqual(self.overflowing(paths), [], f"{login} at {size}")
            for path in paths:
                self.shoot(size, path)

    def test_1_employee(self):
        self.check_every_page(self.company.employee, PASSWORD, [])

    def test_2_agent(self):
        self.check_every_page(self.company.agent, PASSWORD, [])

    def test_3_administrator(self):
        self.check_every_page("admin", ADMIN_PASSWORD, ADMIN_PAGES)

    def test_4_the_phone_menu_is_collapsed_and_easy_to_tap(self):
        self.driver.set_window_size(*PHONE)
        self.sign_in(self.company.agent)
        menu = self.driver.find_element(By.ID, "menu")
        self.assertIsNone(menu.get_attribute("open"), "closed when the page loads")
        queue = self.driver.find_element(By.CSS_SELECTOR, "#menu nav a[href='/queue']")
        self.assertFalse(queue.is_displayed())
        self.driver.find_element(By.ID, "menu-toggle").click()
        self.assertTrue(queue.is_displayed())
        heights = [link.size["height"] for link in self.driver.find_elements(By.CSS_SELECTOR, "#menu nav a")]
        self.assertTrue(heights and min(heights) >= 44, heights)
        self.assertGreaterEqual(self.driver.find_element(By.ID, "sign-out").size["height"], 44)

    def test_5_the_wide_queue_uses_the_width(self):
        self.need()
        self.driver.set_window_size(*WIDE)
        self.sign_in(self.company.agent)
        self.open("/queue")
        main = self.driver.find_element(By.ID, "main").size["width"]
        self.assertGreater(main, 1600)
        self.assertFalse(self.driver.find_element(By.ID, "menu-toggle").is_displayed(), "no toggle on a wide screen")
        titles = self.driver.find_elements(By.CSS_SELECTOR, "td.need-title")
        self.assertTrue(titles)
        self.assertTrue(all(cell.size["width"] >= 200 for cell in titles), [cell.size["width"] for cell in titles])
        self.assertIsNotNone(self.driver.find_element(By.ID, "queue-filter-panel").get_attribute("open"), "filters open beside the list")

    def test_6_on_a_phone_the_queue_shows_its_needs_first(self):
        self.need()
        self.driver.set_window_size(*PHONE)
        self.sign_in(self.company.agent)
        self.open("/queue")
        panel = self.driver.find_element(By.ID, "queue-filter-panel")
        self.assertIsNone(panel.get_attribute("open"), "the filters start closed")
        self.assertFalse(self.driver.find_element(By.ID, "filter-apply").is_displayed())
        first = self.driver.find_element(By.CSS_SELECTOR, "td.need-title")
        self.assertLess(first.location["y"], PHONE[1], "a need shows on the first screen")
        panel.find_element(By.TAG_NAME, "summary").click()
        self.assertTrue(self.driver.find_element(By.ID, "filter-apply").is_displayed(), "one tap opens them")


if __name__ == "__main__":
    unittest.main()

"""CSV import in a real Chromium: an administrator checks a Chinese Excel file (GB18030), reads
every problem by line and column, then imports a good file and watches its progress to the end."""
import os
import tempfile

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tandem_e2e import BrowserTest, ADMIN_PASSWORD, Company, api


class ImportPaths(BrowserTest):
    def write(self, rows):
        handle, path = tempfile.mkstemp(suffix=".csv")
        with os.fdopen(handle, "wb") as file:
            file.write("\r\n".join(rows).encode("gb18030") + b"\r\n")
        self.addCleanup(os.remove, path)
        return path

    def upload(self, path, button):
        self.open("/admin/imports")
        Select(self.driver.find_element(By.ID, "import-kind")).select_by_value("needs")
        self.driver.find_element(By.ID, "import-file").send_keys(path)
        self.submit(button)

    def test_an_administrator_checks_a_file_then_imports_it_and_sees_the_progress(self):
        company = self.company
        header = "标题,类型,提供部门代码,提出人登录名,紧急程度,提出时间"
        # a provider of its own, so the 3,000 needs stay out of the other tests' queues
        admin = Company.session("admin", ADMIN_PASSWORD)
        it = api("POST", "/departments", {"name": "档案室", "code": f"A{os.urandom(3).hex()}", "is_provider": True}, admin)["code"]
        self.sign_in("admin", ADMIN_PASSWORD)

        bad = self.write([header, f"打印机卡纸,技术,{it},{company.employee},高,2026/3/1 9:30",
                          f"投影仪,技术,NOPE,{company.employee},中,", f",技术,{it},nobody,很急,"])
        self.upload(bad, "import-check")
        self.assertEqual(self.text("#import-state"), "有错误")
        cells = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
                 for row in self.driver.find_elements(By.CSS_SELECTOR, "#import-problems tbody tr")]
        self.assertEqual([(line, column) for line, column, _ in cells],
                         [("3", "提供部门代码"), ("4", "标题"), ("4", "提出人登录名"), ("4", "紧急程度")],
                         "each column named as the file wrote it")
        self.assertIn("没有导入任何数据", self.text("#import-summary"))

        good = self.write([header] + [f"导入需求 {index},技术,{it},{company.employee},中,2026/3/1 9:30" for index in range(3000)])
        self.upload(good, "import-run")
        states = set()

        def finished(_):
            states.add(self.text("#import-state"))
            return "已导入" in states
        # the page reloads itself when the import ends: a state read across the reload is read again
        WebDriverWait(self.driver, 120, poll_frequency=0.2,
                      ignored_exceptions=(StaleElementReferenceException,)).until(finished)
        self.assertIn("导入中", states, "the page showed the import running before it ended")
        self.assertEqual(self.text("#import-summary"), "已导入 3000 行。")
        self.open("/search?q=导入需求 2999")
        self.assertIn("导入需求 2999", self.text(".hit-link"))

"""Insight in a real Chromium: searching from the header box (marked words, notes only for those
who read them), duplicate hints while a title is typed, and the dashboards with their CSV."""
import os
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tandem_e2e import BASE, BrowserTest, api, Company, ADMIN_PASSWORD, PASSWORD


class InsightPaths(BrowserTest):
    def test_the_header_search_marks_the_words_and_keeps_notes_to_the_providers(self):
        company = self.company
        unique = os.urandom(3).hex()
        requester = Company.session(company.employee, PASSWORD)
        need = api("POST", "/needs", {"title": f"华东区季度销售数据导出 {unique}", "description": "用于月度经营会议",
                                      "offering_id": company.offering["id"], "form": {"system": "CRM", "seats": 1}}, requester)
        agent = Company.session(company.agent, PASSWORD)
        api("POST", f"/needs/{need['id']}/comments", {"body": f"内部备注：数据在 BI 服务器 note{unique}", "visibility": "internal"}, agent)

        self.sign_in(company.employee)
        box = self.driver.find_element(By.ID, "top-search")
        box.send_keys(f"销售数据 {unique}" + Keys.ENTER)
        WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "search-results")))
        marks = [mark.text for mark in self.driver.find_elements(By.CSS_SELECTOR, ".hit-link mark")]
        self.assertIn("销售数据", marks)
        self.assertIn(unique, marks)
        self.assertEqual(self.text("#search-count"), "1")
        # the requester does not find the need by its internal note
        self.open(f"/search?q=note{unique}")
        self.assertTrue(self.driver.find_elements(By.ID, "search-empty"))
        self.sign_out()

        self.sign_in(company.agent)
        self.open(f"/search?q=note{unique}")
        self.assertEqual(self.text(".hit-title a"), need["number"])
        self.assertIn(f"note{unique}", [mark.text for mark in self.driver.find_elements(By.CSS_SELECTOR, ".hit-snippet mark")])

    def test_similar_open_needs_are_offered_while_the_title_is_typed(self):
        company = self.company
        unique = os.urandom(3).hex()
        requester = Company.session(company.employee, PASSWORD)
        existing = api("POST", "/needs", {"title": f"三楼会议室投影仪坏了 {unique}", "offering_id": company.offering["id"],
                                          "form": {"system": "ERP", "seats": 1}}, requester)
        self.sign_in(company.employee)
        self.open(f"/needs/new?offering={company.offering['id']}")
        hints = self.driver.find_element(By.ID, "duplicate-hints")
        self.assertFalse(hints.is_displayed())
        self.driver.find_element(By.ID, "title").send_keys(f"会议室投影仪又坏了 {unique}")
        WebDriverWait(self.driver, 10).until(lambda _: hints.is_displayed())
        links = self.driver.find_elements(By.CSS_SELECTOR, "#duplicate-list a")
        self.assertTrue(any(existing["number"] in link.text for link in links))
        links[0].click()
        WebDriverWait(self.driver, 10).until(expected_conditions.url_contains(existing["number"]))

    def test_a_manager_reads_the_company_dashboard_and_downloads_a_chart(self):
        company = self.company
        admin = Company.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        api("POST", "/people", {"login": "boss" + unique, "display_name": "周经理", "department_id": company.sales["id"],
                                "roles": ["manager"], "language": "zh-CN", "password": PASSWORD}, admin)
        self.sign_in("boss" + unique)
        self.driver.find_element(By.CSS_SELECTOR, "a[href='/dashboards']").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.url_contains("/dashboards/company"))
        for chart in ("trend_weeks", "trend_months", "by_kind", "by_department", "backlog", "pairs"):
            self.assertTrue(self.driver.find_element(By.ID, chart).is_displayed(), chart)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "svg#trend_weeks polyline"))
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "svg#pairs rect.heat"))
        # the chart's numbers, as the browser downloads them
        link = self.driver.find_element(By.CSS_SELECTOR, "#card-by_kind a.csv-link").get_attribute("href")
        request = urllib.request.Request(link)
        request.add_header("Cookie", "tandem_session=" + self.driver.get_cookie("tandem_session")["value"])
        with urllib.request.urlopen(request) as response:
            text = response.read().decode("utf-8")
        self.assertTrue(text.startswith("\ufeff项目,数量\r\n"), text[:40])
        # one's own department, as requester
        self.driver.find_element(By.LINK_TEXT, "销售部").click()
        self.driver.find_element(By.ID, "view-requester").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.url_contains("view=requester"))
        self.assertTrue(self.driver.find_element(By.ID, "by_department").is_displayed())


class PlanningPaths(BrowserTest):
    def test_a_manager_declares_capacity_adjusts_the_proposal_and_commits_it(self):
        company = self.company
        admin = Company.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        provider = api("POST", "/departments", {"name": f"运维部{unique}", "code": f"O{unique}", "is_provider": True}, admin)
        for login, roles in (("ops", ["manager"]), ("opsagent", ["agent"])):
            api("POST", "/people", {"login": login + unique, "display_name": login, "department_id": provider["id"],
                                    "roles": roles, "language": "zh-CN", "password": PASSWORD}, admin)
        requester = Company.session(company.employee, PASSWORD)
        agent = Company.session("opsagent" + unique, PASSWORD)
        needs = []
        for title, hours in (("机房巡检", 16), ("备份演练", 24), ("监控告警", None)):
            need = api("POST", "/needs", {"title": f"{title} {unique}", "kind": "service", "providing_department_id": provider["id"]}, requester)
            if hours:
                api("PATCH", f"/needs/{need['id']}", {"effort_hours": hours}, agent)
            needs.append(need)

        self.sign_in("ops" + unique)
        self.driver.find_element(By.CSS_SELECTOR, "a[href='/planning']").click()
        self.assertTrue(self.driver.find_elements(By.ID, "plan-empty"))
        self.driver.find_element(By.ID, "person-days").send_keys("3")
        self.submit("capacity-submit")
        self.assertIn("3", self.text("#planning-capacity"))
        # 2 days fit, 3 do not; the unestimated one says so
        self.assertIn("planned", self.driver.find_element(By.ID, f"line-{needs[0]['number']}").get_attribute("class"))
        self.assertIn("deferred", self.driver.find_element(By.ID, f"line-{needs[1]['number']}").get_attribute("class"))
        self.assertIn("没有工作量估计", self.text(f"#line-{needs[2]['number']} .decision"))
        # plan the bigger one anyway, set the first aside, commit
        from selenium.webdriver.support.ui import Select
        Select(self.driver.find_element(By.NAME, f"pin.{needs[1]['id']}")).select_by_value("include")
        Select(self.driver.find_element(By.NAME, f"pin.{needs[0]['id']}")).select_by_value("exclude")
        self.submit("plan-commit")
        self.assertTrue(self.driver.find_element(By.ID, "planning-flash").is_displayed())
        self.assertIn("planned", self.driver.find_element(By.ID, f"line-{needs[1]['number']}").get_attribute("class"))
        self.assertIn("经理暂缓", self.text(f"#line-{needs[0]['number']} .decision"))
        self.assertTrue(self.driver.find_element(By.ID, "plan-review").is_displayed())


class MapPaths(BrowserTest):
    def test_the_supply_chain_map_links_each_arrow_to_the_pairs_scorecard(self):
        company = self.company
        requester = Company.session(company.employee, PASSWORD)
        api("POST", "/needs", {"title": "地图上的需求", "offering_id": company.offering["id"], "form": {"system": "CRM", "seats": 2}}, requester)
        self.sign_in(company.employee)
        self.driver.find_element(By.CSS_SELECTOR, "a[href='/map']").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "supply-chain")))
        arrows = self.driver.find_elements(By.CSS_SELECTOR, "#supply-chain a.map-edge")
        self.assertTrue(arrows)
        target = next(a for a in arrows if f"requester={company.sales['id']}" in a.get_dom_attribute("href")
                      and f"department={company.it['id']}" in a.get_dom_attribute("href"))
        self.open(target.get_dom_attribute("href"))
        WebDriverWait(self.driver, 10).until(expected_conditions.url_contains("/scorecards"))
        self.open("/map")
        self.driver.find_element(
            By.CSS_SELECTOR, f"#map-pairs a[href*='requester={company.sales['id']}'][href*='provider={company.it['id']}']").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.url_contains("/map/needs"))
        self.assertIn("地图上的需求", self.driver.page_source)

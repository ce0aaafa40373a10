"""The voice of the internal customer in a real Chromium: a requester rates a resolved need
through the one-click link of the resolution e-mail, without signing in."""
import email
import email.policy
import os
import re
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tandem_e2e import BrowserTest, api, Company, ADMIN_PASSWORD, PASSWORD

MAILDIR = os.environ.get("TANDEM_MAILDIR", "")


def mails_to(address):
    """The messages in the test mail server's Maildir addressed to `address`."""
    found = []
    folder = os.path.join(MAILDIR, "new")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), "rb") as file:
            message = email.message_from_binary_file(file, policy=email.policy.default)
        if address in str(message["To"]):
            found.append(message)
    return found


class FeedbackPaths(BrowserTest):
    def test_a_resolution_email_link_rates_the_need_without_signing_in(self):
        company = self.company
        admin = Company.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        address = f"rate{unique}@example.com"
        api("POST", "/people", {"login": "rate" + unique, "display_name": "孙评价", "department_id": company.sales["id"],
                                "roles": ["employee"], "language": "zh-CN", "password": PASSWORD, "email": address}, admin)
        requester = Company.session("rate" + unique, PASSWORD)
        need = api("POST", "/needs", {"title": "打印机卡纸", "offering_id": company.offering["id"],
                                      "form": {"system": "ERP", "seats": 1}}, requester)
        agent = Company.session(company.agent, PASSWORD)
        for action in ("start", "resolve"):
            api("POST", f"/needs/{need['id']}/transitions", {"action": action}, agent)

        # the resolution e-mail arrives with five links, one per score
        link = None
        deadline = time.time() + 20
        while time.time() < deadline and link is None:
            for message in mails_to(address):
                text = message.get_body(preferencelist=("plain",)).get_content()
                match = re.search(r"(http://\S+/rate/\S+\?score=2)", text)
                if match:
                    link = match.group(1)
            time.sleep(0.5)
        self.assertIsNotNone(link, "the resolution e-mail carries rating links")

        # opened in a browser that is not signed in: the clicked score is chosen, one button records it
        self.driver.delete_all_cookies()
        self.driver.get(link)
        self.assertEqual(self.text("#rate-need-title"), "打印机卡纸")
        self.assertTrue(self.driver.find_element(By.ID, "score-2").is_selected())
        self.driver.find_element(By.ID, "rating-comment").send_keys("等了两天")
        self.submit("rating-submit")
        self.assertIn("谢谢您的评价", self.text("#rate-message"))

        # the rating is on the need for its readers; the link does not work twice
        state = api("GET", f"/needs/{need['id']}/rating", None, requester)
        self.assertEqual((state["rating"]["score"], state["rating"]["comment"]), (2, "等了两天"))
        self.driver.get(link)
        self.assertIn("这个评价链接已经用过了", self.text("#rate-message"))
        self.sign_in(company.agent)
        self.open(f"/needs/{need['number']}")
        self.assertEqual(self.text("#rating-stars"), "★★☆☆☆")
        self.assertEqual(self.text("#rating-comment-text"), "等了两天")

    def test_a_scorecard_shows_a_providers_figures_and_leads_to_a_pair(self):
        company = self.company
        admin = Company.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        facilities = api("POST", "/departments", {"name": f"行政部{unique}", "code": f"F{unique}", "is_provider": True}, admin)
        api("POST", "/people", {"login": "fac" + unique, "display_name": "周行政", "department_id": facilities["id"],
                                "roles": ["agent"], "language": "zh-CN", "password": PASSWORD}, admin)
        agent = Company.session("fac" + unique, PASSWORD)
        requester = Company.session(company.employee, PASSWORD)
        for title, score in (("会议室投影坏了", 4), ("工位搬迁", 2)):
            need = api("POST", "/needs", {"title": title, "kind": "service", "providing_department_id": facilities["id"]}, requester)
            for action in ("start", "resolve"):
                api("POST", f"/needs/{need['id']}/transitions", {"action": action}, agent)
            api("PUT", f"/needs/{need['id']}/rating", {"score": score}, requester)

        self.sign_in(company.employee)
        self.open("/scorecards")
        Select(self.driver.find_element(By.ID, "scorecard-department")).select_by_value(facilities["id"])
        self.submit("scorecard-show")
        self.assertIn(f"行政部{unique}", self.text("#scorecard-heading"))
        self.assertEqual(self.text("#figure-volume .figure-current"), "2")
        self.assertEqual(self.text("#figure-satisfaction .figure-current"), "3.00")
        self.assertTrue(self.driver.find_element(By.ID, "satisfaction-chart").is_displayed(), "the ratings chart is drawn")
        # the resolution times arrive with the background refresh
        deadline = time.time() + 15
        while time.time() < deadline and self.text("#figure-resolution_median .figure-current") == "—":
            time.sleep(0.5)
            self.driver.refresh()
        self.assertIn("工作小时", self.text("#figure-resolution_median .figure-current"))
        # the department served leads to the pair's scorecard
        self.driver.find_element(By.CSS_SELECTOR, "#served-departments a").click()
        self.assertIn("销售部", self.text("#scorecard-heading"))
        self.assertEqual(self.text("#figure-volume .figure-current"), "2")

    def test_a_manager_fills_an_evaluation_and_the_scorecard_shows_it(self):
        company = self.company
        admin = Company.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        # a provider of its own, served this quarter by the sales department, whose manager rates it
        legal = api("POST", "/departments", {"name": f"法务部{unique}", "code": f"L{unique}", "is_provider": True}, admin)
        api("POST", "/people", {"login": "boss" + unique, "display_name": "钱经理", "department_id": company.sales["id"],
                                "roles": ["manager"], "language": "zh-CN", "password": PASSWORD}, admin)
        requester = Company.session(company.employee, PASSWORD)
        api("POST", "/needs", {"title": "合同审核", "kind": "service", "providing_department_id": legal["id"]}, requester)
        period = api("GET", f"/departments/{legal['id']}/scorecard", None, admin)["period"]
        cycle = api("POST", "/evaluation-cycles", {"name": f"法务服务评价 {unique}", "period": period, "provider_id": legal["id"]}, admin)

        self.sign_in("boss" + unique)
        self.open("/evaluations")
        self.driver.find_element(By.XPATH, f"//section[@id='pending-evaluations']//a[contains(., '法务部{unique}')]").click()
        self.assertIn(f"法务部{unique}", self.text("h1"))
        # one dimension left out: the page names it and keeps the others
        for key, score in (("responsiveness", 4), ("quality", 5), ("communication", 3)):
            self.driver.find_element(By.ID, f"score-{key}-{score}").click()
        Select(self.driver.find_element(By.ID, "evaluation-recommendation")).select_by_value("9")
        self.driver.find_element(By.ID, "evaluation-comment").send_keys("合同审得很仔细")
        self.submit("evaluation-submit")
        self.assertEqual(self.text("#score-professionalism-error"), "此项必填")
        self.assertTrue(self.driver.find_element(By.ID, "score-quality-5").is_selected())
        self.driver.find_element(By.ID, "score-professionalism-4").click()
        self.submit("evaluation-submit")
        self.assertEqual(self.text("#evaluation-progress"), "已评价 1 / 1")

        self.open(f"/scorecards?department={legal['id']}&period={period}")
        self.assertEqual(self.text("#evaluation-dimension-quality .figure-current"), "5.00")
        self.assertEqual(self.text("#evaluation-overall .figure-current"), "4.00")
        self.assertEqual(self.text("#evaluation-nps .figure-current"), "100.0")

    def answer_survey(self, survey_id, anonymous):
        self.open(f"/surveys/{survey_id}")
        if anonymous:
            self.assertIn("匿名问卷", self.text("#survey-anonymity"))
        else:
            self.assertFalse(self.driver.find_elements(By.ID, "survey-anonymity"))
        # the required question left out: named on the page, the rest kept
        self.driver.find_element(By.ID, "answer-q2-4").click()
        self.driver.find_element(By.ID, "answer-q3").send_keys("希望增加一台打印机")
        self.submit("survey-submit")
        self.assertIn("此项必填", self.text("#answer-q1-error"))
        self.assertTrue(self.driver.find_element(By.ID, "answer-q2-4").is_selected())
        self.driver.find_element(By.XPATH, "//fieldset[@id='question-q1']//input[@value='ERP']").click()
        self.submit("survey-submit")
        self.assertEqual(self.text("#survey-notice"), "本轮已填写")

    def test_answering_named_and_anonymous_surveys(self):
        company = self.company
        admin = Company.session("admin", ADMIN_PASSWORD)
        unique = os.urandom(3).hex()
        api("POST", "/people", {"login": "chief" + unique, "display_name": "孔经理", "department_id": company.it["id"],
                                "roles": ["manager", "agent"], "language": "zh-CN", "password": PASSWORD}, admin)
        manager = Company.session("chief" + unique, PASSWORD)
        # an anonymous survey asks at least the minimum group (here three): sales gets two more people
        api("PUT", "/settings/privacy", {"minimum_group": 3}, admin)
        for index in range(2):
            api("POST", "/people", {"login": f"sales{index}{unique}", "display_name": f"销售{index}", "department_id": company.sales["id"],
                                    "roles": ["employee"], "language": "zh-CN", "password": PASSWORD}, admin)
        ids = {}
        for anonymous in (False, True):
            survey = api("POST", "/surveys", {
                "title": f"IT 需求调查 {unique} {'匿名' if anonymous else '署名'}", "is_anonymous": anonymous,
                "audience_departments": [company.sales["id"]], "open_days": 7, "questions": [
                    {"prompt": "最常用的系统", "kind": "single_choice", "options": ["CRM", "ERP"], "required": True},
                    {"prompt": "满意度", "kind": "rating"},
                    {"prompt": "您需要 IT 做什么？", "kind": "raise_need", "provider_id": company.it["id"]}]}, manager)
            ids[anonymous] = survey["id"]

        self.sign_in(company.employee)
        self.open("/surveys")
        self.assertIn(f"IT 需求调查 {unique} 署名", self.text("#surveys-asked"))
        self.answer_survey(ids[False], anonymous=False)
        self.answer_survey(ids[True], anonymous=True)

        # the owner reads the results once three answered (one answer alone is withheld); the drafts
        # say who wrote the named one only
        early = api("GET", f"/surveys/{ids[True]}/results", None, manager)
        self.assertTrue(early["withheld"])
        self.assertEqual([option["count"] for option in early["questions"][0]["options"]], [0, 0])
        for index in range(2):
            colleague = Company.session(f"sales{index}{unique}", PASSWORD)
            api("POST", f"/surveys/{ids[True]}/responses", {"answers": {"q1": "CRM"}}, colleague)
        results = api("GET", f"/surveys/{ids[True]}/results", None, manager)
        self.assertEqual(results["responses"], 3)
        self.assertFalse(results["withheld"])
        self.assertEqual([option["count"] for option in results["questions"][0]["options"]], [2, 1])
        drafts = api("GET", f"/departments/{company.it['id']}/need-drafts", None, manager)["items"]
        mine = [draft for draft in drafts if draft["survey_id"] in ids.values()]
        self.assertEqual(sorted("respondent_id" in draft for draft in mine), [False, True])
        self.sign_out()
        self.sign_in("chief" + unique)
        self.open(f"/surveys/{ids[True]}/results")
        self.assertTrue(self.driver.find_element(By.ID, "chart-q1").is_displayed())
        self.assertIn("希望增加一台打印机", self.text("main"))


if __name__ == "__main__":
    unittest.main()

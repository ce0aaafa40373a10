"""/metrics read by Prometheus' own parser (prometheus-client from PyPI): the exposition Tandem
writes by hand must be what a scraper reads — histograms with their buckets, escaped labels, the
needs' counts only for an administrator."""
import unittest
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from tandem_e2e import ADMIN_PASSWORD, BASE, Company, api


def scrape(token=None):
    request = urllib.request.Request(BASE + "/metrics")
    if token:
        request.add_header("Cookie", "tandem_session=" + token)
    with urllib.request.urlopen(request) as response:
        return {family.name: family for family in text_string_to_metric_families(response.read().decode())}


class MetricsPaths(unittest.TestCase):
    def test_a_scraper_parses_every_family(self):
        api("GET", "/openapi.json")  # at least one API request has been timed
        families = scrape()
        self.assertEqual(families["tandem_http_requests"].type, "counter")
        histogram = families["tandem_http_request_duration_seconds"]
        self.assertEqual(histogram.type, "histogram")
        routes = {sample.labels["route"] for sample in histogram.samples}
        self.assertIn("/api/v1/openapi.json", routes)
        bounds = {sample.labels["le"] for sample in histogram.samples if sample.name.endswith("_bucket")}
        self.assertIn("+Inf", bounds)
        self.assertEqual({sample.labels["state"] for sample in families["tandem_jobs"].samples},
                         {"pending", "running", "done", "dead"})
        self.assertNotIn("tandem_needs", families, "the needs' counts are not for anyone")

    def test_an_administrator_reads_the_needs_by_status(self):
        Company.get()  # raises a confidential need
        families = scrape(Company.session("admin", ADMIN_PASSWORD))
        counts = {sample.labels["status"]: sample.value for sample in families["tandem_needs"].samples}
        self.assertIn("new", counts)
        self.assertGreaterEqual(counts["new"], 1)

"""Creates the test provider's signing key, its people (Chinese names, a department each) and
Tandem as a confidential client with the given redirect URIs, requiring no consent."""
from django.contrib.auth.models import Group, User
from django.core.management import BaseCommand, call_command
from oidc_provider.models import Client, ResponseType, RSAKey

PEOPLE = [("sso.zhang", "张三丰", "zhangsf@example.com", "SALES"), ("sso.li", "李清照", "liqz@example.com", "IT")]
PASSWORD = "provider-password-1"


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--redirect", action="append", required=True)
        parser.add_argument("--post-logout", action="append", default=[])
        parser.add_argument("--client-secret", required=True)

    def handle(self, *args, **options):
        if not RSAKey.objects.exists():
            call_command("creatersakey")
        for login, name, email, department in PEOPLE:
            user, _ = User.objects.get_or_create(username=login, defaults={"first_name": name, "email": email})
            user.set_password(PASSWORD)
            user.save()
            user.groups.set([Group.objects.get_or_create(name=department)[0]])
        client, _ = Client.objects.get_or_create(client_id="tandem", defaults={"name": "Tandem"})
        client.client_type = "confidential"
        client.client_secret = options["client_secret"]
        client.require_consent = False
        client.jwt_alg = "RS256"
        client.redirect_uris = options["redirect"]
        client.post_logout_redirect_uris = options["post_logout"]
        client.scope = ["openid", "profile", "email"]
        client.save()
        client.response_types.set([ResponseType.objects.get(value="code")])

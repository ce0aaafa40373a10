#!/usr/bin/env python3
"""The test OpenID provider: Django with django-oidc-provider (a certified OpenID Connect
provider), for Tandem's sign-in tests. Started by scripts/oidc/start-provider.sh."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "provider.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

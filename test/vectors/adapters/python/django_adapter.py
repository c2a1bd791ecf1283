"""The vectors' adapter for Django (Debian's python3-django):
parse_http_date, parse_etags and get_conditional_response.
Protocol and mapping: test/vectors/README."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (RANGE_RULES, Skip, common_skips,  # noqa: E402
                    serve, wsgi_environ)

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(DEBUG=False, ALLOWED_HOSTS=['*'], LOGGING_CONFIG=None)
django.setup()

from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.utils.cache import get_conditional_response  # noqa: E402
from django.utils.http import parse_etags, parse_http_date  # noqa: E402


def answer(row):
    common_skips(row)
    file = row['file']
    if file == 'dates':
        if row['now'] is not None:
            raise Skip('parse_http_date takes no "now": it resolves '
                       'two-digit years from the clock')
        try:
            return {'valid': True, 'value': parse_http_date(row['input'])}
        except ValueError:
            return {'valid': False}
    if file == 'etag_lists':
        return {'valid': True, 'members': parse_etags(row['input'])}
    if file == 'etag_compare':
        raise Skip('Django has no public entity-tag comparison')
    if row['rule'] in RANGE_RULES or row['status'] == 206:
        raise Skip('get_conditional_response has no Range or If-Range')
    req = HttpRequest()
    req.method = row['method']
    req.path = '/'
    req.META = wsgi_environ(row['method'], row['headers'])
    resp = HttpResponse(b'0123456789', status=row['natural_status'] or 200)
    got = get_conditional_response(
        req, etag=row['etag'] if row['exists'] else None,
        last_modified=row['last_modified'] if row['exists'] else None,
        response=resp)
    return {'status': got.status_code}


serve('Django', django.get_version(), answer)

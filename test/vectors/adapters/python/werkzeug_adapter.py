"""The vectors' adapter for werkzeug (Debian's python3-werkzeug):
parse_date, parse_etags, ETags comparison and Response.make_conditional.
Protocol and mapping: test/vectors/README."""
import calendar
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (RANGE_RULES, Skip, common_skips,  # noqa: E402
                    serve, wsgi_environ)

import werkzeug  # noqa: E402
from werkzeug.exceptions import RequestedRangeNotSatisfiable  # noqa: E402
from werkzeug.http import parse_date, parse_etags, unquote_etag  # noqa: E402
from werkzeug.test import create_environ  # noqa: E402
from werkzeug.wrappers import Response  # noqa: E402

try:
    from importlib.metadata import version
    VERSION = version('werkzeug')
except Exception:
    VERSION = getattr(werkzeug, '__version__', '?')

BODY = b'0123456789'


def members(tags):
    """ETags keeps the opaque-tags in two sets (None for an empty one)."""
    if tags.star_tag:
        return ['*']
    show = (lambda t: '<None>' if t is None else '"%s"' % t)
    return ([show(t) for t in tags._strong] +
            ['W/' + show(t) for t in tags._weak])


def answer(row):
    common_skips(row)
    file = row['file']
    if file == 'dates':
        if row['now'] is not None:
            raise Skip('parse_date takes no "now": it resolves two-digit '
                       'years by its own rule')
        d = parse_date(row['input'])
        if d is None:
            return {'valid': False}
        return {'valid': True, 'value': calendar.timegm(d.utctimetuple())}
    if file == 'etag_lists':
        return {'valid': True, 'members': members(parse_etags(row['input']))}
    if file == 'etag_compare':
        tags = parse_etags(row['a'])
        tag, weak = unquote_etag(row['b'])
        return {'strong': not weak and tags.contains(tag),
                'weak': tags.contains_weak(tag)}
    if row['method'] not in ('GET', 'HEAD'):
        raise Skip('make_conditional evaluates GET and HEAD only '
                   '(documented); other methods are the application\'s')
    if not row['exists']:
        raise Skip('make_conditional works on a response that exists')
    base = wsgi_environ(row['method'], row['headers'])
    env = create_environ(method=row['method'])
    env.update(base)
    resp = Response(BODY, status=row['natural_status'] or 200)
    if row['etag'] is not None:
        resp.headers['ETag'] = row['etag']
    if row['last_modified'] is not None:
        resp.last_modified = datetime.datetime.fromtimestamp(
            row['last_modified'], datetime.timezone.utc)
    try:
        resp.make_conditional(env, accept_ranges=True,
                              complete_length=len(BODY))
    except RequestedRangeNotSatisfiable:
        return {'status': 416}
    return {'status': resp.status_code}


serve('werkzeug', VERSION, answer)

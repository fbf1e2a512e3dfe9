#!/usr/bin/python3
# Reads a web page the way a Linux screen reader (Orca) does: over AT-SPI, with Debian's pyatspi.
# The browser tests drive Chromium; this process only reads. One JSON object per line:
#   stdin   {"cmd": "tree", "url": U}  the accessible tree of the page whose document URL is U
#           (null if no such page is there yet): role, name, states, attributes, extents,
#           children, and each node's path (child indices from the document)
#   stdout  {"ready": true}            once listening for focus events
#           {"event": "focus", ...}    each time an object of a page gains focus (a node, no children)
#           {"reply": ...}             the answer to a command; {"error": "..."} if it failed
# Run with Debian's python3 (/usr/bin/python3): pyatspi is a Debian package, not a pip one.
import json
import sys

import pyatspi
from gi.repository import Atspi, GLib


def states(acc):
    return sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())


def attributes(acc):
    out = {}
    for kv in acc.getAttributes() or []:
        k, _, v = kv.partition(':')
        out[k] = v
    return out


def document_of(acc):
    """The document web an object belongs to, and the object's path of child indices in it."""
    path = []
    while acc is not None:
        if acc.getRole() == pyatspi.ROLE_DOCUMENT_WEB:
            return acc, list(reversed(path))
        path.append(acc.getIndexInParent())
        acc = acc.parent
    return None, None


def doc_url(doc):
    try:
        return doc.queryDocument().getAttributeValue('URI') or ''
    except Exception:
        return ''


def describe(acc, path, deep):
    x, y, w, h = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    node = {'role': acc.getRoleName(), 'name': acc.name or '', 'description': acc.description or '',
            'states': states(acc), 'attributes': attributes(acc), 'extents': [x, y, w, h], 'path': path}
    if deep:
        node['children'] = [describe(acc.getChildAtIndex(i), path + [i], True) for i in range(acc.childCount)]
    return node


def documents():
    found = []

    def walk(acc, depth):
        try:
            if acc is None or depth > 60:
                return
            if acc.getRole() == pyatspi.ROLE_DOCUMENT_WEB:
                found.append(acc)
                return
            for i in range(acc.childCount):
                walk(acc.getChildAtIndex(i), depth + 1)
        except GLib.Error:
            pass  # an object (or a whole application) that went away while we looked

    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is None:
            continue
        # Ask the browser every time: libatspi's cache of names and states is kept up to date
        # only by events, and a test must read what is there now.
        app.set_cache_mask(Atspi.Cache.NONE)
        walk(app, 0)
    return found


def send(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + '\n')
    sys.stdout.flush()


def on_focus(event):
    if not event.detail1:
        return
    try:
        doc, path = document_of(event.source)
        # Outside a page (the browser's own window): told too, so a test can say where focus went.
        send({'event': 'focus', 'url': doc_url(doc) if doc else None, 'node': describe(event.source, path or [], False)})
    except Exception as e:  # the object went away already: the next focus event follows
        send({'event': 'focus-lost-object', 'error': str(e)})


def command(line):
    req = json.loads(line)
    if req['cmd'] == 'tree':
        for doc in documents():
            if doc_url(doc) == req['url']:
                return describe(doc, [], True)
        return None
    if req['cmd'] == 'documents':
        return [doc_url(d) for d in documents()]
    raise ValueError('unknown command ' + req['cmd'])


def on_stdin(channel, condition):
    line = sys.stdin.readline()
    if not line:
        pyatspi.Registry.stop()
        return False
    try:
        send({'reply': command(line)})
    except Exception as e:
        send({'error': f'{type(e).__name__}: {e}'})
    return True


pyatspi.Registry.registerEventListener(on_focus, 'object:state-changed:focused')
GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP, on_stdin)
GLib.idle_add(lambda: send({'ready': True}) and False)
pyatspi.Registry.start()

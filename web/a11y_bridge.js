// The screen-reader bridge of the browser build: the app draws into a canvas, which assistive
// technology cannot read, so the app's accessibility tree (accessibility/tree.h, one node per
// widget) is mirrored into a hidden DOM laid over the canvas, one element per node, as Flutter
// web does. Screen readers (NVDA, JAWS, VoiceOver, TalkBack) and the browser's own tools read
// that DOM; what they do to it goes back to the app as if the user had clicked.
//
//   - Updates are incremental: web.cpp calls after each drawn frame, the bridge pulls a
//     TreeUpdate (the whole tree first, then only changed and removed nodes) and patches.
//   - Native elements where they exist (button, a, input checkbox/radio/range/text, h1-h3,
//     ul/li), so roles, states and keyboard behaviour come from the browser itself.
//   - lang and dir on every element (the tree's "ttb", a traditional Mongolian column, is HTML
//     dir="ltr" plus CSS writing-mode: vertical-lr, columns left to right); text is set with textContent only (never innerHTML: pack
//     text is untrusted).
//   - Each element sits at its node's bounds (touch exploration finds it under the finger) but
//     is transparent and lets pointer events through to the canvas: sighted users see and touch
//     the canvas; assistive technology acts on the elements.
//   - Focus is synced both ways: the app's focus (keyboard, switch) moves DOM focus so the screen
//     reader follows; DOM focus moved by the screen reader moves the app's focus. Each side
//     ignores the echo of its own move.
//   - Changes the user did not ask for ("Correct!", "Step 4 of 7", the idle warning) are read
//     from two live regions, polite and assertive, without moving focus.
// On by default: there is no hidden "enable accessibility" button to find first.
'use strict';

(function () {
  const ACTION = { click: 1, focus: 2, increment: 4, decrement: 8, scrollIntoView: 16 };
  // The tree's dir (accessibility/tree.h: "ltr", "rtl", "ttb", absent) as HTML's dir attribute,
  // which has no vertical value: a ttb column's letters run left to right within the column.
  const htmlDir = (d) => (d === 'rtl' ? 'rtl' : d === 'ltr' || d === 'ttb' ? 'ltr' : 'auto');

  class QiaoA11yBridge {
    constructor(module, canvas) {
      this.module = module;
      this.canvas = canvas;
      this.nodes = new Map();     // id -> node (as sent by the app)
      this.elements = new Map();  // id -> element (the control itself)
      // id -> box: an <input> cannot hold children (a slider's value text and its Smaller /
      // Larger buttons), so an input sits in a box of its own that holds them after it.
      this.boxes = new Map();
      this.parents = new Map();   // id -> parent id
      this.rootId = 0;
      this.appFocus = 0;          // the node the app says is focused
      this.echo = null;           // the element we are focusing ourselves (not the user)
      canvas.setAttribute('aria-hidden', 'true');
      this.layer = document.createElement('div');
      this.layer.id = 'qiao-a11y';
      this.layer.style.cssText = 'position:fixed;inset:0;overflow:hidden;pointer-events:none;opacity:0;z-index:1';
      this.polite = this.liveRegion('polite');
      this.assertive = this.liveRegion('assertive');
      document.body.append(this.layer, this.polite, this.assertive);
      // Enter and Space reach the app as keys (SDL listens on the window); the browser's own
      // click on a focused button would activate it a second time.
      this.layer.addEventListener('keydown', (e) => {
        const t = e.target;
        if ((e.key === 'Enter' || e.key === ' ') && !(t.tagName === 'INPUT' && t.type === 'text')) e.preventDefault();
      });
      this.layer.addEventListener('focusin', (e) => this.onFocus(e.target));
    }

    liveRegion(politeness) {
      const r = document.createElement('div');
      r.id = 'qiao-live-' + politeness;
      r.setAttribute('aria-live', politeness);
      r.setAttribute('aria-atomic', 'true');
      // Visually hidden, still read (the usual clip pattern).
      r.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap';
      return r;
    }

    // Pulls what changed since last time and patches the DOM.
    update() {
      const u = JSON.parse(this.module.UTF8ToString(this.module._qiao_tree_update_json()));
      if (!u.nodes || (!u.full && !u.nodes.length && !u.removed.length)) return;  // nothing changed
      if (u.full) {
        this.layer.replaceChildren();
        this.nodes.clear();
        this.elements.clear();
        this.boxes.clear();
        this.parents.clear();
      }
      const announce = [];
      for (const id of u.removed) {
        this.nodes.delete(id);
        this.parents.delete(id);
        const el = this.outer(id);
        if (el) el.remove();
        this.elements.delete(id);
        this.boxes.delete(id);
      }
      for (const n of u.nodes) {
        const before = this.nodes.get(n.id);
        this.nodes.set(n.id, n);
        for (const c of n.children) this.parents.set(c, n.id);
        if (this.isAnnounced(n, before)) announce.push(n);
      }
      this.rootId = u.root;
      // Elements are made or remade for changed nodes, then every changed node's children are
      // put in order under it (an element's tag can change with its role).
      for (const n of u.nodes) this.render(n);
      for (const n of u.nodes) this.place(n);
      // Positions are relative to the parent's box: a changed node moves its children too.
      const moved = new Set();
      for (const n of u.nodes) { moved.add(n.id); for (const c of n.children) moved.add(c); }
      for (const id of moved) this.position(id);
      const root = this.nodes.get(this.rootId);
      if (root) {
        document.documentElement.lang = root.lang || document.documentElement.lang;
        document.documentElement.dir = htmlDir(root.dir) === 'rtl' ? 'rtl' : 'ltr';
        const rootEl = this.outer(this.rootId);
        if (rootEl && rootEl.parentNode !== this.layer) this.layer.replaceChildren(rootEl);
      }
      for (const n of announce) this.say(n);
      this.syncFocus(u.focus);
    }

    // Live nodes that appear or change, and the lesson's step counter when it moves on.
    isAnnounced(n, before) {
      if (n.role === 'progressbar') return !!before && before.name !== n.name;
      if (!n.live) return false;
      return !before || before.name !== n.name;
    }

    say(n) {
      const region = n.live === 'assertive' ? this.assertive : this.polite;
      // Cleared first, so the same words said twice are announced twice.
      region.textContent = '';
      const span = document.createElement('span');
      span.lang = n.lang || '';
      if (n.dir) span.dir = htmlDir(n.dir);
      span.textContent = n.name;
      setTimeout(() => region.replaceChildren(span), 50);
    }

    tagFor(n) {
      switch (n.role) {
        case 'button': return 'button';
        case 'link': return 'a';
        case 'checkbox': case 'radio': case 'slider': case 'textbox': return 'input';
        case 'heading': return 'h' + Math.min(Math.max(n.level || 1, 1), 3);
        case 'list': return 'ul';
        case 'listitem': return 'li';
        case 'text': return 'p';
        default: return 'div';
      }
    }

    // Makes (or reuses) the node's element and sets everything but its children.
    render(n) {
      const tag = this.tagFor(n);
      const inputType = { checkbox: 'checkbox', radio: 'radio', slider: 'range', textbox: 'text' }[n.role];
      let el = this.elements.get(n.id);
      if (!el || el.tagName.toLowerCase() !== tag || (inputType && el.type !== inputType)) {
        const fresh = document.createElement(tag);
        if (inputType) fresh.type = inputType;
        fresh.dataset.qiaoId = n.id;
        this.wire(fresh, n.id);
        let outer = fresh;
        if (inputType) {
          outer = document.createElement('div');
          fresh.style.cssText = 'position:absolute;inset:0;margin:0;width:100%;height:100%';
          outer.append(fresh);
        }
        const old = this.outer(n.id);
        if (old) old.replaceWith(outer);
        el = fresh;
        this.elements.set(n.id, el);
        if (inputType) this.boxes.set(n.id, outer); else this.boxes.delete(n.id);
      }
      const states = new Set(n.states || []);
      const actions = new Set(n.actions || []);
      // No lang of its own: inherit (lang="" would say "unknown language").
      if (n.lang) el.lang = n.lang; else el.removeAttribute('lang');
      el.dir = htmlDir(n.dir);
      const setAttr = (k, v) => (v === null || v === undefined || v === '') ? el.removeAttribute(k) : el.setAttribute(k, v);
      setAttr('aria-description', n.description);
      setAttr('aria-disabled', states.has('disabled') ? 'true' : null);
      switch (n.role) {
        case 'button':
          el.type = 'button';
          this.setText(el, n.name);
          setAttr('aria-pressed', states.has('pressed') ? 'true' : null);
          break;
        case 'link':
          el.href = '#';
          this.setText(el, n.name);
          break;
        case 'checkbox': case 'radio':
          el.checked = states.has('checked');
          setAttr('aria-label', n.name);
          break;
        case 'slider':
          // A range input for its keys and gestures; the app's own words for its value.
          el.min = '0'; el.max = '100'; el.value = '50';
          setAttr('aria-label', n.name);
          setAttr('aria-valuetext', n.value);
          break;
        case 'textbox':
          if (el.value !== (n.value || '')) el.value = n.value || '';
          setAttr('aria-label', n.name);
          break;
        case 'heading': case 'text':
          this.setText(el, n.name);
          el.tabIndex = -1;  // the app moves focus to a new screen's heading
          break;
        case 'list':
          setAttr('aria-label', n.name);
          break;
        case 'progressbar':
          setAttr('role', 'progressbar');
          setAttr('aria-label', n.name);
          setAttr('aria-valuetext', n.value || n.name);
          break;
        case 'image':
          setAttr('role', 'img');
          setAttr('aria-label', n.name);
          break;
        case 'dialog':
          setAttr('role', 'dialog');
          setAttr('aria-modal', 'true');
          setAttr('aria-label', n.name);
          break;
        case 'group':
          setAttr('role', n.name ? 'group' : null);
          setAttr('aria-label', n.name);
          break;
        case 'status': case 'alert':
          // Read through the live regions (once), not as a second live region here.
          this.setText(el, n.name);
          break;
        case 'application':
          // The whole app as one landmark (not role=application: that would turn off the
          // screen reader's browse mode, and its heading and list keys with it).
          setAttr('role', 'main');
          setAttr('aria-label', n.name);
          break;
        default:
          if (n.name) this.setText(el, n.name);
      }
      if (!actions.has('click') && !actions.has('focus') && ['button', 'a', 'input'].includes(tag))
        el.tabIndex = -1;
    }

    // The node's own text goes into a text node of its own, so children can follow it.
    setText(el, text) {
      let t = el.firstChild;
      if (!t || t.nodeType !== Node.TEXT_NODE) { t = document.createTextNode(''); el.prepend(t); }
      if (t.textContent !== text) t.textContent = text;
    }

    outer(id) { return this.boxes.get(id) || this.elements.get(id); }

    // Each element covers its node's bounds (window pixels = CSS pixels: web.cpp sizes the
    // window to the page), relative to its parent's element.
    position(id) {
      const n = this.nodes.get(id), el = this.outer(id);
      if (!n || !el) return;
      const parent = this.nodes.get(this.parents.get(id));
      const [x, y, w, h] = n.bounds;
      const [px, py] = parent ? parent.bounds : [0, 0];
      el.style.cssText = 'position:absolute;box-sizing:border-box;margin:0;padding:0;overflow:hidden;' +
        `left:${x - px}px;top:${y - py}px;width:${Math.max(w, 1)}px;height:${Math.max(h, 1)}px` +
        (n.dir === 'ttb' ? ';writing-mode:vertical-lr' : '');
    }

    // Puts the element's children in reading order; a list's items in <li> as HTML wants.
    place(n) {
      const box = this.boxes.get(n.id);
      const el = box || this.elements.get(n.id);
      if (!el) return;
      const kids = box ? [this.elements.get(n.id)] : [];
      for (const c of n.children || []) {
        const child = this.outer(c);
        if (!child) continue;
        if (el.tagName === 'UL' && child.tagName !== 'LI') {
          let li = child.parentNode && child.parentNode.tagName === 'LI' ? child.parentNode : null;
          if (!li || li.parentNode !== el) { li = document.createElement('li'); li.append(child); }
          li.style.cssText = 'display:contents';
          kids.push(li);
        } else {
          kids.push(child);
        }
      }
      // Moves only what is out of place: moving an element takes focus off it, and the screen
      // reader would lose its place.
      const text = el.firstChild && el.firstChild.nodeType === Node.TEXT_NODE ? el.firstChild : null;
      let at = text ? text.nextSibling : el.firstChild;
      for (const k of kids) {
        if (at === k) { at = at.nextSibling; continue; }
        el.insertBefore(k, at);
      }
      while (at) { const next = at.nextSibling; at.remove(); at = next; }
    }

    // What assistive technology does to an element goes to the app as the same action.
    wire(el, id) {
      const act = (action) => this.module._qiao_request_action(id, action);
      el.addEventListener('click', (e) => {
        e.preventDefault();  // links go nowhere; checkboxes take their state from the app
        act(ACTION.click);
      });
      if (el.tagName === 'INPUT' && el.type === 'range') {
        el.addEventListener('input', () => {
          act(Number(el.value) > 50 ? ACTION.increment : ACTION.decrement);
          el.value = '50';
        });
      }
    }

    // DOM focus moved by the user's screen reader or Tab: the app's focus follows.
    onFocus(el) {
      if (el === this.echo) return;  // our own move, already the app's focus
      const id = Number(el.dataset.qiaoId);
      if (id && id !== this.appFocus) {
        this.appFocus = id;
        this.module._qiao_request_action(id, ACTION.focus);
      }
    }

    // The app's focus moved (keys, switch, a new screen's heading): DOM focus follows.
    // `focus` is the tree's one focus (the update's "focus", accessibility/tree.h). A node's
    // "focused" state is not proof: a text field ImGui activates for a frame on its own Tab
    // handling says "focused" too, and following it made screen readers (Orca, over AT-SPI)
    // announce the search field between two buttons (web/tests/atspi_test.mjs).
    syncFocus(focus) {
      let focused = focus;
      if (focused === undefined) {
        focused = 0;
        for (const [id, n] of this.nodes) if ((n.states || []).includes('focused')) { focused = id; break; }
      }
      if (!focused) return;
      const el = this.elements.get(focused);
      // Unchanged, unless the element was replaced or focus fell to the page (its old element
      // went away with the screen).
      const lost = !document.activeElement || document.activeElement === document.body;
      if (focused === this.appFocus && !lost) return;
      this.appFocus = focused;
      if (!el || document.activeElement === el) return;
      this.echo = el;
      el.focus({ preventScroll: true });
      this.echo = null;
    }
  }

  window.QiaoA11yBridge = QiaoA11yBridge;
})();

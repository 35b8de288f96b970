/*
 * Counter kiosk: one step at a time, back to the start after a submission or after the idle
 * time (a rating already chosen is recorded then), and a localStorage queue so that a short
 * network drop loses nothing. Each queued answer carries its submission id: the server
 * stores it once however often it is sent. Plain ES5, no library, served from self.
 */
(function () {
  'use strict';
  var home = document.querySelector('[data-home]');
  if (home) {
    var back = setTimeout(function () { location.href = home.getAttribute('data-home'); }, Number(home.getAttribute('data-idle') || 30) * 1000);
    document.addEventListener('input', function () { clearTimeout(back); back = setTimeout(function () { location.href = home.getAttribute('data-home'); }, Number(home.getAttribute('data-idle') || 30) * 1000); });
    return;
  }
  var form = document.getElementById('kiosk');
  if (!form) return;
  document.documentElement.className += ' js';
  var idleMs = Number(form.getAttribute('data-idle') || 30) * 1000;
  var key = form.getAttribute('data-queue');
  var steps = Array.prototype.slice.call(form.querySelectorAll('[data-step]'));
  var thanks = steps.length - 1;
  var current = 0, idle = null, flushing = false;

  function show(i) {
    current = i;
    steps.forEach(function (s, j) { s.hidden = j !== i; });
    window.scrollTo(0, 0);
  }
  function newSid() {
    var b = new Uint8Array(18);
    window.crypto.getRandomValues(b);
    var s = btoa(String.fromCharCode.apply(null, b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    return ('000000000' + Date.now().toString(36)).slice(-9) + s;
  }
  function load() { try { return JSON.parse(localStorage.getItem(key) || '[]'); } catch (e) { return []; } }
  function save(q) { localStorage.setItem(key, JSON.stringify(q)); }
  function chosen() { return form.querySelector('input[name="overall"]:checked'); }

  function flush() {
    var q = load();
    if (flushing || !q.length) return;
    flushing = true;
    var item = q[0];
    fetch(form.action, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(item) })
      .then(function (r) {
        flushing = false;
        // Stored, a repeat, or an answer the server will never take: done with it. Otherwise keep it for later.
        if (r.ok || r.status === 400 || r.status === 413 || r.status === 422) {
          save(load().filter(function (x) { return x.sid !== item.sid; }));
          flush();
        }
      })
      .catch(function () { flushing = false; });
  }

  /** Queues what was chosen (if a rating was), then clears the form: nothing stays for the next person. */
  function record() {
    if (!chosen()) return;
    var answers = {};
    Array.prototype.forEach.call(form.querySelectorAll('input:checked'), function (el) { answers[el.name] = el.value; });
    answers.sid = form.elements.sid.value;
    var q = load();
    q.push(answers);
    save(q);
    form.reset();
    form.elements.sid.value = newSid();
    flush();
  }
  function restart() { form.reset(); show(0); }
  function touched() {
    clearTimeout(idle);
    idle = setTimeout(function () {
      if (current !== thanks) record();
      restart();
    }, current === thanks ? Math.min(idleMs, 6000) : idleMs);
  }

  form.addEventListener('change', function (e) {
    if (e.target.name === 'overall' && current === 0) show(1);
  });
  form.addEventListener('click', function (e) {
    var go = e.target.closest ? e.target.closest('[data-go]') : null;
    if (go) show(Math.min(current + 1, thanks - 1));
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    record();
    show(thanks);
    touched();
  });
  ['pointerdown', 'keydown', 'input', 'touchstart'].forEach(function (t) { document.addEventListener(t, touched, { passive: true }); });
  window.addEventListener('online', flush);
  setInterval(flush, 5000);
  form.elements.sid.value = newSid();
  show(0);
  touched();
  flush();
})();

/*
 * Counter kiosk: every page returns to the start after the idle time, so the next citizen
 * never adds to the previous one's answers (the start page forgets them). A face chosen on
 * the start page but not sent is sent then (the form posts as usual, and the thanks come
 * only once it is stored). Pages without a form (thanks, the end) wait less. A form sent
 * while the tablet is offline is held, with a notice, and sent when the network is back,
 * instead of leaving the browser's error page on the counter. Plain ES5.
 */
(function () {
  'use strict';
  var home = document.body.getAttribute('data-home');
  if (!home) return;
  var idleMs = Number(document.body.getAttribute('data-idle') || 30) * 1000;
  var form = document.querySelector('main form[method="post"]');
  var start = form !== null && form.getAttribute('action') === home;
  var wait = form ? idleMs : Math.min(idleMs, 12000);
  var timer = null;
  var held = false;

  function hold(event) {
    if (navigator.onLine !== false) return;
    if (event) event.preventDefault();
    if (held) return true;
    held = true;
    var notice = document.createElement('p');
    notice.className = 'notice kiosk-offline';
    notice.setAttribute('role', 'alert');
    notice.textContent = document.body.getAttribute('data-offline') || '';
    form.parentNode.insertBefore(notice, form);
    window.addEventListener('online', function () { form.submit(); });
    return true;
  }
  if (form) form.addEventListener('submit', hold);

  function idle() {
    if (held) return;
    if (start && form.querySelector('input[name="overall"]:checked')) return hold() || form.submit();
    if (start) return form.reset();
    location.href = home;
  }
  function touched() {
    clearTimeout(timer);
    timer = setTimeout(idle, wait);
  }
  ['pointerdown', 'keydown', 'input', 'touchstart', 'scroll'].forEach(function (t) { document.addEventListener(t, touched, { passive: true }); });
  touched();
})();

/* The "In" (print) button of the poster and slip pages: window.print() needs a script, so the
   button stays hidden without one, and the page says "Ctrl+P" instead. Plain ES5, from self. */
(function () {
  'use strict';
  var buttons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () { window.print(); });
  }
})();

// Survey form: an invitation link carries its access code in the fragment (#code=…), which the
// browser never sends to the server, so the code reaches no access log. This fills it into the
// code field, and keeps it on the language links of the same page. Without JavaScript the
// citizen types the code printed in the mail.
(function () {
  "use strict";
  var match = /(?:^#|&)code=([^&]*)/.exec(window.location.hash);
  if (!match) {
    return;
  }
  var code = decodeURIComponent(match[1].replace(/\+/g, " ")).trim().slice(0, 40);
  if (!code) {
    return;
  }
  var field = document.querySelector("form.bf-form input[name=zugangscode]");
  if (field && !field.value) {
    field.value = code;
  }
  Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (link) {
    if (link.pathname === window.location.pathname && link.search.indexOf("sprache=") !== -1) {
      link.hash = window.location.hash;
    }
  });
})();

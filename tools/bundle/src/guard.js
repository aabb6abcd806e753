/* The guard (#wb-guard): a classic script in ECMAScript 5, so that it runs in every browser a bank
   desktop may have, including Internet Explorer. It runs before the workbook's code and makes sure
   the page never stays on "Opening…": when something the workbook needs is missing, when the boot
   module cannot be parsed or fails to start, or when nothing has started after 10 s, it shows what
   is wrong and which browsers work, in Chinese and English, with role="alert".
   Contract with the rest of the page:
   - the boot module sets window.wbModuleRan = true as its first statement and, on failure, calls
     window.wbBootFailed(error); it does nothing when window.wbBlocked is true;
   - the app sets window.wbStarted = true when it has mounted (remove_boot_message in
     src/web/browser.rs), then removes #wb-boot;
   - window.wbGuardTimeout (milliseconds) shortens the 10 s wait, for tests. */
(function () {
  var w = window, d = document, lastError = "";
  var BROWSERS_ZH = ["Chrome 或 Edge 80 及以上版本", "Firefox ESR 115 及以上版本",
    "360 安全浏览器、QQ 浏览器的“极速模式”：点击地址栏右侧的图标（闪电或“e”）切换"];
  var BROWSERS_EN = ["Chrome or Edge 80 or newer", "Firefox ESR 115 or newer",
    "360 Secure Browser or QQ Browser in fast mode (极速模式): click the icon at the right of " +
    "the address bar (a lightning bolt or an \"e\") to switch"];

  function box() {
    var b = d.getElementById("wb-boot");
    if (!b) {
      b = d.createElement("div");
      b.id = "wb-boot";
      var app = d.getElementById("wb-app");
      if (app && app.parentNode) app.parentNode.insertBefore(b, app);
      else if (d.body) d.body.insertBefore(b, d.body.firstChild);
      else return null;
    }
    return b;
  }

  function add(parent, tag, text, cls) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.appendChild(d.createTextNode(text));
    parent.appendChild(e);
    return e;
  }

  /* One language: the headline and the reason, then the browsers that work. */
  function block(parent, lang, headline, reason, useInstead, browsers) {
    var section = add(parent, "div", "", "boot-lang");
    section.setAttribute("lang", lang);
    var p = add(section, "p");
    add(p, "strong", headline);
    p.appendChild(d.createTextNode(" " + reason + " " + useInstead));
    var ul = add(section, "ul");
    for (var i = 0; i < browsers.length; i++) add(ul, "li", browsers[i]);
  }

  /* Shows the message (a later, more precise one replaces an earlier one) unless the workbook has
     started; `reason` names the cause for tests (data-reason). */
  function fail(reason, zh, en, detail, damaged) {
    if (w.wbStarted) return;
    var b = box();
    if (!b) {
      /* No body yet: try again once the document is parsed. */
      d.addEventListener("DOMContentLoaded", function () { fail(reason, zh, en, detail, damaged); });
      return;
    }
    b.className = "boot boot-failed";
    b.setAttribute("role", "alert");
    b.setAttribute("data-reason", reason);
    while (b.firstChild) b.removeChild(b.firstChild);
    if (damaged) {
      /* The file, not the browser: another browser would not help. */
      block(b, "zh-CN", "无法打开工作簿。", zh,
        "请重新复制此文件（例如从共享位置或邮件附件），或打开另一份副本。", []);
      block(b, "en", "The workbook cannot open.", en,
        "Copy the file again (from the share or the mail attachment), or open another copy.", []);
    } else {
      block(b, "zh-CN", "无法打开工作簿。", zh, "请改用：", BROWSERS_ZH);
      block(b, "en", "The workbook cannot open.", en, "Please use:", BROWSERS_EN);
    }
    if (detail) add(b, "p", "(" + detail + ")", "boot-detail");
  }
  w.wbBootFailed = function (e) {
    var detail = String((e && e.message) || e || lastError);
    /* The boot code marks a payload its decoder refuses; a wasm that does not compile is damage
       too (the build validates it for the oldest browser supported). */
    var compile = typeof WebAssembly === "object" && WebAssembly.CompileError &&
      e instanceof WebAssembly.CompileError;
    if ((e && e.wbDamaged) || compile) {
      fail("damaged", "此工作簿文件已损坏或不完整。", "This workbook file is damaged or incomplete.",
        detail, true);
      return;
    }
    fail("start", "工作簿的程序未能启动。", "The workbook's program failed to start.", detail);
  };

  if (w.addEventListener) {
    w.addEventListener("error", function (e) {
      if (!w.wbStarted && e && e.message) lastError = e.message;
    });
  }

  /* Content-Security-Policy. Chromium before 97 does not know 'wasm-unsafe-eval' and compiles
     WebAssembly only where 'unsafe-eval' is allowed, so the page's own policy allows both. A
     browser that knows the keyword gets a second, stricter policy here, before any of the app
     runs: inline scripts and WebAssembly, no eval. The test is Array.prototype.toSorted, which
     came after the keyword in every engine (Chrome 110 / 97, Firefox 115 / 102, Safari 16 / 16).
     The element is removed again: the policy stays in force, and a copy of the page's DOM
     carries no trace of it. */
  if (typeof Array.prototype.toSorted === "function" && d.head) {
    var strict = d.createElement("meta");
    strict.setAttribute("http-equiv", "Content-Security-Policy");
    strict.setAttribute("content", "{CSP_STRICT}");
    d.head.appendChild(strict);
    d.head.removeChild(strict);
  }

  var missing = [];
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    missing.push("WebAssembly");
  }
  if (typeof ReadableStream !== "function" || typeof Response !== "function") {
    missing.push("ReadableStream");
  }
  if (typeof HTMLScriptElement === "undefined" || !("noModule" in HTMLScriptElement.prototype)) {
    missing.push("JavaScript modules (ES2020)");
  }
  if (missing.length) {
    w.wbBlocked = true;
    fail("missing", "此浏览器缺少工作簿需要的功能：" + missing.join("、") + "。",
      "This browser lacks what the workbook needs: " + missing.join(", ") + ".");
    return;
  }

  /* Module scripts run before DOMContentLoaded; if the boot module has not run by then, this
     browser could not parse it (its JavaScript is older than ES2020). */
  d.addEventListener("DOMContentLoaded", function () {
    if (!w.wbModuleRan) {
      fail("parse", "此浏览器无法运行工作簿的程序代码（JavaScript 版本过旧）。",
        "This browser cannot run the workbook's program code (its JavaScript is too old).", lastError);
    }
  });
  w.setTimeout(function () {
    if (!w.wbStarted) {
      fail("timeout", "工作簿在 10 秒内没有启动。", "The workbook did not start within 10 seconds.",
        lastError);
    }
  }, w.wbGuardTimeout || 10000);
})();

// Check-in at the door: scan the QR code of a pass with the phone's camera (jsQR, served from
// static/vendor), or type its short code. The form works without this script (a plain post).
(function () {
  "use strict";

  var box = document.getElementById("checkin");
  var form = document.getElementById("checkin-form");
  if (!box || !form) {
    return;
  }
  var result = document.getElementById("checkin-result");
  var startButton = document.getElementById("checkin-camera");
  var stopButton = document.getElementById("checkin-camera-stop");
  var scanner = document.getElementById("checkin-scanner");
  var video = document.getElementById("checkin-video");
  var counter = document.getElementById("present-count");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;
  var lastCode = "";
  var lastCodeAt = 0;
  var busy = false;

  function show(kind, text) {
    result.className = "mt-2 alert alert-" + kind;
    result.textContent = text;
  }

  function markPresent(pk) {
    var row = document.getElementById("inv-" + pk);
    if (!row) {
      return;
    }
    row.classList.add("is-present");
    var button = row.querySelector("button[name=attended]");
    if (button) {
      button.value = "0";
      button.textContent = button.dataset.labelOn;
      button.setAttribute("aria-pressed", "true");
      button.classList.add("btn-success");
      button.classList.remove("btn-outline-secondary");
    }
  }

  function send(code) {
    var data = new FormData(form);
    data.set("code", code);
    busy = true;
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok, answer: answer };
        });
      })
      .then(function (reply) {
        var answer = reply.answer;
        if (!reply.ok) {
          show("danger", answer.message || box.dataset.msgError);
          return;
        }
        show(answer.status === "already" ? "info" : "success", answer.message);
        markPresent(answer.invitation);
        if (counter && typeof answer.present === "number") {
          counter.textContent = String(answer.present);
        }
      })
      .catch(function () {
        show("danger", box.dataset.msgError);
      })
      .finally(function () {
        busy = false;
      });
  }

  form.addEventListener("submit", function (event) {
    if (!window.fetch) {
      return;
    }
    event.preventDefault();
    var field = form.querySelector("[name=code]");
    send(field.value).then(function () {
      field.value = "";
      field.focus();
    });
  });

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
      stream = null;
    }
    scanner.hidden = true;
    startButton.hidden = false;
  }

  function tick() {
    if (!stream) {
      return;
    }
    if (video.readyState === video.HAVE_ENOUGH_DATA && !busy) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });
      var now = Date.now();
      // A pass held in front of the camera is sent once; shown again after it left the view
      // for a few seconds, it is sent again (and the page says it is already checked in).
      if (found && found.data) {
        if (found.data !== lastCode || now - lastCodeAt > 3000) {
          send(found.data);
        }
        lastCode = found.data;
        lastCodeAt = now;
      }
    }
    window.requestAnimationFrame(tick);
  }

  function start() {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        scanner.hidden = false;
        startButton.hidden = true;
        show("secondary", box.dataset.msgScanning);
        return video.play();
      })
      .then(function () {
        window.requestAnimationFrame(tick);
      })
      .catch(function () {
        stop();
        show("warning", box.dataset.msgNoCamera);
      });
  }

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.jsQR) {
    startButton.hidden = false;
    startButton.addEventListener("click", start);
    stopButton.addEventListener("click", stop);
  }
})();

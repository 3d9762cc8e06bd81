// Draws every chart of the statistics page from the JSON Django wrote with json_script.
// No inline script (the CSP forbids it): each <canvas data-chart="id"> names its JSON element.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var palette = ["#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var config = JSON.parse(source.textContent);
    config.data.datasets.forEach(function (dataset, i) {
      dataset.backgroundColor = palette[i % palette.length];
      dataset.borderColor = palette[i % palette.length];
    });
    config.options = config.options || {};
    config.options.animation = false;
    config.options.responsive = true;
    new Chart(canvas, config);
  });
})();

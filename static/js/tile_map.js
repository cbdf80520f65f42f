// A tile map wider than a phone's screen opens on its centre (Phra Nakhon), not on its western edge.
document.querySelectorAll(".tile-map-scroll").forEach(function (box) {
  box.scrollLeft = Math.max(0, (box.scrollWidth - box.clientWidth) / 2);
});

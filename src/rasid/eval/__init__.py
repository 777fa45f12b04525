"""eval layer: score ``rasid.article/1`` records against gold files (``eval/FORMAT.md``).

``gold`` loads and checks gold files, ``names`` matches names, ``score`` computes every score with
per-article details, ``run`` produces the records (pipeline or saved predictions), ``baseline`` keeps
the quality floors, ``report`` renders results. ``rasid eval`` (``rasid.cli.evaluate``) wires them up.
"""

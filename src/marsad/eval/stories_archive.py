"""Placeholder until the archive layer exists; replaced below once marsad.open is available."""


def cluster_in_archive(records, settings=None):
    return None

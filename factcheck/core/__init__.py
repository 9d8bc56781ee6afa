"""The pure core: the editorial vocabulary and the rules every layer shares.

Nothing here touches the database, the network or the command line; every other part of
factcheck may import it, and it imports nothing of factcheck but ``errors``.
"""

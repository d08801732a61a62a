"""Sync with the city river-chief office: the outbox, and (later) batches and the wire protocol.

Independent of `patrol_app`: the app registers its record kinds here and enqueues changes through
`sync.outbox` inside its own write transactions.
"""

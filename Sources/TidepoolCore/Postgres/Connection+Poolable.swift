extension Connection: PoolableConnection {}

/** The public face of ledger/bcf: the only file that other folders import. */

/** The public face of commissioning/dashboard: the only file that other folders import. */

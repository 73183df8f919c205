/** The public face of publish: the only file that other folders import. */

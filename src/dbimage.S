/* The built-in database, linked into the binary as read-only data (see store.c).
 * HTTPCODES_DB_FILE is the path of the database that mkdb built, set by the Makefile. */
	.section .rodata
	.global httpcodes_db
	.type httpcodes_db, %object
	.balign 16
httpcodes_db:
	.incbin HTTPCODES_DB_FILE
httpcodes_db_end:
	.global httpcodes_db_size
	.type httpcodes_db_size, %object
	.balign 4
httpcodes_db_size:
	.int httpcodes_db_end - httpcodes_db
#if defined(__linux__) && defined(__ELF__)
	.section .note.GNU-stack,"",%progbits
#endif

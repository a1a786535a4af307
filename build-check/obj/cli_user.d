build-check/obj/cli_user.o: src/cli_user.c src/cli.h src/lang.h \
 src/store.h src/text.h src/userdata.h
src/cli.h:
src/lang.h:
src/store.h:
src/text.h:
src/userdata.h:

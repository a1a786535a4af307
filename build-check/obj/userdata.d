build-check/obj/userdata.o: src/userdata.c src/userdata.h src/lang.h \
 src/store.h src/text.h
src/userdata.h:
src/lang.h:
src/store.h:
src/text.h:

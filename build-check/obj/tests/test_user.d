build-check/obj/tests/test_user.o: tests/unit/test_user.c src/search.h \
 src/store.h src/store.h
src/search.h:
src/store.h:
src/store.h:

build-check/obj/search.o: src/search.c src/search.h src/store.h \
 src/pinyin.h src/text.h src/tokenize.h
src/search.h:
src/store.h:
src/pinyin.h:
src/text.h:
src/tokenize.h:

build-check/obj/tokenize.o: src/tokenize.c src/tokenize.h src/pinyin.h \
 src/text.h
src/tokenize.h:
src/pinyin.h:
src/text.h:
